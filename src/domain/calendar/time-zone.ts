import { msPerDay, msPerMinute } from './civil-date.js';

const knownZones = new Map<string, boolean>();

/**
 * True when the runtime knows the IANA zone. Remembered per zone (a bounded map): making an
 * Intl formatter to find out costs more than formatting a time, and every written time asks.
 */
export function isKnownTimeZone(zone: string): boolean {
  const remembered = knownZones.get(zone);
  if (remembered !== undefined) return remembered;
  let known: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    known = true;
  } catch {
    known = false;
  }
  if (knownZones.size >= 1_000) knownZones.clear();
  knownZones.set(zone, known);
  return known;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall clock of `zone` at an instant, as two-digit parts (year, month, day, hour 00–23,
 * minute, second). One cached formatter per zone: Intl formatters are costly to make.
 */
export function wallClockParts(zone: string, instant: Date | number): Record<string, string> {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = part.value;
  }
  return parts;
}

/** UTC offset of the zone at an instant, in minutes (east positive). Uses Intl: not for hot paths. */
export function offsetMinutesAt(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const [type, value] of Object.entries(wallClockParts(zone, instant)))
    parts[type] = Number(value);
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((local - Math.floor(instant / 1000) * 1000) / msPerMinute);
}

const dailyOffsetCache = new Map<string, Int32Array>();

/**
 * The UTC offset (minutes) at local noon of each civil day from `firstDay` (epoch day) for `dayCount`
 * days. Zone changes in Kazakhstan happen around midnight, so noon stands for the working day.
 * Deterministic, so it is memoised per zone and range.
 */
export function dailyOffsets(zone: string, firstDay: number, dayCount: number): Int32Array {
  const key = `${zone}|${firstDay}|${dayCount}`;
  const cached = dailyOffsetCache.get(key);
  if (cached) return cached;
  const offsets = new Int32Array(dayCount);
  // Offsets change rarely: probe weekly and refine only the weeks that contain a change.
  const at = (index: number, guess: number) =>
    offsetMinutesAt(zone, (firstDay + index) * msPerDay + 12 * 3_600_000 - guess * msPerMinute);
  let previous = at(0, 0);
  previous = at(0, previous);
  offsets[0] = previous;
  for (let start = 1; start < dayCount; start += 7) {
    const end = Math.min(start + 7, dayCount) - 1;
    const last = at(end, previous);
    if (last === previous) {
      offsets.fill(previous, start, end + 1);
      continue;
    }
    for (let index = start; index <= end; index += 1) {
      previous = at(index, previous);
      offsets[index] = previous;
    }
  }
  dailyOffsetCache.set(key, offsets);
  return offsets;
}
