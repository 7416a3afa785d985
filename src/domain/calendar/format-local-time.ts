import { isKnownTimeZone } from './time-zone.js';

/**
 * The zone deadlines are counted in when no organisation is known: Asia/Almaty, the zone of
 * most regions (organisations carry their own zone, `organisation.time_zone`, which the
 * engine's working time uses). Since 1 March 2024 every zone of Kazakhstan is UTC+5; before
 * that Asia/Almaty and Asia/Qostanay were UTC+6 and the west UTC+5.
 */
export const defaultTimeZone = 'Asia/Almaty';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  const zone = isKnownTimeZone(timeZone) ? timeZone : defaultTimeZone;
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
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function partsOf(instant: Date, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = part.value;
  }
  return parts;
}

/**
 * "dd.MM.yyyy HH:mm" — the instant as the wall clock of `timeZone` showed it (with the zone's
 * offset at that instant, so a due before 1 March 2024 in Asia/Almaty reads UTC+6). The one
 * way pages, documents and notifications write a time, the same in kk, ru and en.
 */
export function formatLocalDateTime(instant: Date, timeZone: string = defaultTimeZone): string {
  const p = partsOf(instant, timeZone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

/** "dd.MM.yyyy" — the civil date of the instant in `timeZone`. */
export function formatLocalDate(instant: Date, timeZone: string = defaultTimeZone): string {
  const p = partsOf(instant, timeZone);
  return `${p.day}.${p.month}.${p.year}`;
}
