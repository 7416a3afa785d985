import { isKnownTimeZone, wallClockParts } from './time-zone.js';

/**
 * The zone deadlines are counted in when no organisation is known: Asia/Almaty, the zone of
 * most regions (organisations carry their own zone, `organisation.time_zone`, which the
 * engine's working time uses). Since 1 March 2024 every zone of Kazakhstan is UTC+5; before
 * that Asia/Almaty and Asia/Qostanay were UTC+6 and the west UTC+5.
 */
export const defaultTimeZone = 'Asia/Almaty';

function partsOf(instant: Date, timeZone: string): Record<string, string> {
  return wallClockParts(isKnownTimeZone(timeZone) ? timeZone : defaultTimeZone, instant);
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
