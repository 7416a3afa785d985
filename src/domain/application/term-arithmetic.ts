import {
  addDuration,
  epochDayFromIsoDate,
  isoDateFromEpochDay,
  type AddDurationOptions,
  type WorkingTime,
} from '../calendar/index.js';
import { dayIndexOf } from '../calendar/working-time.js';
import type { Duration as CalendarDuration } from '../calendar/Duration.js';
import type { Duration as RegulationDuration } from '../regulation/Duration.js';

/**
 * A regulation's duration in the calendar's units. Calendar months ("до 6 месяцев", akimat-2012-149,
 * archive certificates; "в течение одного месяца", storage at the front office) become the
 * calendar days from the local date of `start` to the same date `amount` months later, clamped
 * to the month's last day (31 January + 1 month = 28/29 February).
 */
export function toCalendarDuration(
  time: WorkingTime,
  start: number,
  duration: RegulationDuration,
): CalendarDuration {
  if (duration.unit !== 'months') return { amount: duration.amount, unit: duration.unit };
  const startDay = time.firstDay + dayIndexOf(time, start);
  const [year, month, day] = isoDateFromEpochDay(startDay).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const monthIndex = year * 12 + (month - 1) + Math.round(duration.amount);
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const target = `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
  return { amount: epochDayFromIsoDate(target) - startDay, unit: 'calendar_days' };
}

/** `addDuration` for a regulation's duration, months included. */
export function addRegulationDuration(
  time: WorkingTime,
  start: number,
  duration: RegulationDuration,
  options: AddDurationOptions = {},
): number {
  return addDuration(time, start, toCalendarDuration(time, start, duration), options);
}
