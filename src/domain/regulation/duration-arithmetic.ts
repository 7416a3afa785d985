import type { Duration } from './Duration.js';
import { timeUnitAbbreviations } from './labels.js';
import type { TimeUnit } from './TimeUnit.js';

/**
 * Rough working-time length of a duration in minutes, for consistency checks only (the calendar
 * module computes real due times): a working day is 8 working hours, a calendar day is counted
 * as one working day, a month as 22 working days.
 */
export const minutesPerUnit = {
  minutes: 1,
  hours: 60,
  working_days: 480,
  calendar_days: 480,
  months: 22 * 480,
} as const satisfies Record<TimeUnit, number>;

/** Working-time minutes of a duration (see `minutesPerUnit`). */
export function toWorkingMinutes(duration: Duration): number {
  return duration.amount * minutesPerUnit[duration.unit];
}

/** "13 working days", "13 раб. дн." — a duration for people. */
export function formatDuration(duration: Duration, language: 'kk' | 'ru' | 'en' = 'en'): string {
  return `${duration.amount} ${timeUnitAbbreviations[duration.unit][language]}`;
}

/** Renders working minutes back as "13 wd 6 h 30 min" for findings. */
export function formatWorkingMinutes(minutes: number): string {
  const days = Math.floor(minutes / 480);
  const hours = Math.floor((minutes % 480) / 60);
  const rest = Math.round(minutes % 60);
  const parts = [];
  if (days) parts.push(`${days} wd`);
  if (hours) parts.push(`${hours} h`);
  if (rest || parts.length === 0) parts.push(`${rest} min`);
  return parts.join(' ');
}
