import { addRegulationDuration } from '../../domain/application/term-arithmetic.js';
import { formatLocalDateTime, type WorkingTime } from '../../domain/calendar/index.js';

/** The indicator shown beside every due on the front office's lists. */
export const Indicator = {
  onTime: 'on_time',
  warning: 'warning',
  overdue: 'overdue',
  suspended: 'suspended',
  none: 'none',
} as const;
export type Indicator = (typeof Indicator)[keyof typeof Indicator];

/**
 * On time, warning or overdue, as the inboxes count it (features/back-office/list-inbox.ts):
 * overdue once passed; warning within one working day of the due and within the last quarter
 * of the span from `startedAt`.
 */
export function indicatorFor(
  time: WorkingTime,
  now: Date,
  due: Date | null,
  startedAt: Date,
): Indicator {
  if (!due) return Indicator.none;
  const remaining = due.getTime() - now.getTime();
  if (remaining < 0) return Indicator.overdue;
  const horizon = addRegulationDuration(time, now.getTime(), { amount: 1, unit: 'working_days' });
  const isWithinFraction = remaining <= (due.getTime() - startedAt.getTime()) * 0.25;
  return isWithinFraction && horizon >= due.getTime() ? Indicator.warning : Indicator.onTime;
}

/**
 * "dd.MM.yyyy HH:mm" in the organisation's zone (default Asia/Almaty): the shared formatter
 * `formatLocalDateTime`, kept under this name for the front office's callers.
 */
export function formatLocal(value: Date, timeZone?: string): string {
  return formatLocalDateTime(value, timeZone);
}
