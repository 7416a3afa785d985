import { DomainError, ErrorCode } from '../shared/domain-error.js';
import { epochDayFromIsoDate, isIsoDate, msPerDay, msPerMinute } from './civil-date.js';
import { dayIndexOf, type WorkingTime } from './working-time.js';

const localDateTimePattern =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * Reads a local date-time "YYYY-MM-DDTHH:MM[:SS[.sss]]" in the zone of `time` (with the zone's offset
 * of that day) and returns the instant; undefined when the text is not such a date-time or the day is
 * outside the calendar. No Intl: uses the precomputed offsets.
 */
export function findInstantOfLocalDateTime(time: WorkingTime, text: string): number | undefined {
  const match = localDateTimePattern.exec(text.trim());
  if (!match || !isIsoDate(match[1] ?? '')) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  const seconds = Number(match[4] ?? 0);
  const millis = Number((match[5] ?? '0').padEnd(3, '0'));
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const day = epochDayFromIsoDate(match[1] ?? '');
  const offset = time.offsetMinutes[day - time.firstDay];
  if (offset === undefined) return undefined;
  return (
    day * msPerDay + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis - offset * msPerMinute
  );
}

/** Like findInstantOfLocalDateTime, but throws DomainError(validation_failed) on a bad or out-of-range text. */
export function getInstantOfLocalDateTime(time: WorkingTime, text: string): number {
  const instant = findInstantOfLocalDateTime(time, text);
  if (instant === undefined) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [
        {
          path: 'start',
          rule: 'local_date_time',
          params: { text, from: time.calendar.firstYear, to: time.calendar.lastYear },
        },
      ],
    });
  }
  return instant;
}

/** ISO 8601 with the zone's offset, e.g. 2024-03-26T18:30:00+05:00 (milliseconds only when not zero). */
export function formatInstant(time: WorkingTime, instant: number): string {
  const index = dayIndexOf(time, instant);
  const offset = time.offsetMinutes[index] ?? 0;
  const iso = new Date(instant + offset * msPerMinute).toISOString();
  const body = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  const hh = String(Math.floor(absolute / 60)).padStart(2, '0');
  const mm = String(absolute % 60).padStart(2, '0');
  return `${body}${sign}${hh}:${mm}`;
}
