/**
 * Civil (time-zone-free) dates as ISO strings 'YYYY-MM-DD' and as epoch days
 * (days since 1970-01-01). Pure arithmetic on the proleptic Gregorian calendar.
 */

/** Milliseconds in a civil day (Kazakhstan has no daylight saving time since 2005). */
export const msPerDay = 86_400_000;
/** Milliseconds in a minute. */
export const msPerMinute = 60_000;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Weekday numbers as ISO 8601 counts them, Monday = 1 … Sunday = 7. */
export const Weekday = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
} as const;
export type Weekday = (typeof Weekday)[keyof typeof Weekday];
export const weekdayNames = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type WeekdayName = (typeof weekdayNames)[number];

/** True when the text is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = isoDatePattern.exec(text);
  if (!match) return false;
  const day = epochDayFromIsoDate(text);
  return isoDateFromEpochDay(day) === text;
}

/** The epoch day of an ISO date (no validation of out-of-range parts; see isIsoDate). */
export function epochDayFromIsoDate(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Math.floor(Date.UTC(year, month - 1, day) / msPerDay);
}

/** The ISO date of an epoch day. */
export function isoDateFromEpochDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** ISO weekday (Monday = 1 … Sunday = 7) of an epoch day; 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(day: number): Weekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** True for Saturday and Sunday, the weekly days off of the five-day week (Labour Code, art. 84). */
export function isWeekend(day: number): boolean {
  return weekdayOfEpochDay(day) >= Weekday.saturday;
}
