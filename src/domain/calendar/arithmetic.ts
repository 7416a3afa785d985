import { DomainError, ErrorCode } from '../shared/domain-error.js';
import { minutesOfTimeOfDay, type WeekHours } from './Schedule.js';
import { msPerMinute, weekdayNames } from './civil-date.js';
import type { Duration } from './Duration.js';
import {
  closeOfDay,
  dayIndexOf,
  hoursWeekdayOf,
  instantAtWorkingTime,
  instantInDay,
  isWorkingDayIndex,
  nextWorkingDayIndex,
  openingOfDay,
  workingDayAt,
  workingTimeAt,
  workOfDay,
  type WorkingTime,
} from './working-time.js';

const msPerHour = 60 * msPerMinute;
const msPerDay = 24 * msPerHour;

/** A half-open interval of instants [from, to) in epoch milliseconds, e.g. a suspension. */
export interface InstantInterval {
  readonly from: number;
  readonly to: number;
}

/** Options of `addDuration`. */
export interface AddDurationOptions {
  /**
   * The day of acceptance is not counted (004: "День приема документов не входит в срок оказания
   * государственной услуги"; 003: "день приема и день выдачи документов не входит в срок"). The
   * term then starts at the opening of the next working day (Civil Code art. 187: a term starts
   * the day after the event that begins it).
   */
  readonly excludeStartDay?: boolean;
  /**
   * An application that arrives after working hours, on a weekend or a holiday counts from the
   * next working day (002, p. 7, item 3). Defaults to the schedule's `acceptsAroundTheClock` (portal).
   * With it, the day of acceptance is that next working day.
   */
  readonly afterHoursCountsFromNextWorkingDay?: boolean;
  /** Intervals during which the clock stops (приостановление); the due moves by the suspended time. */
  readonly suspensions?: readonly InstantInterval[];
}

/**
 * Adds a term to an instant under the schedule, calendar and zone of `time`; returns the due
 * instant (epoch ms). What the units mean:
 *
 * - **minutes, hours** — working time of the schedule: only the schedule's working hours on its
 *   working days count (lunch, nights, weekends, holidays and transferred days off do not). The due
 *   is the earliest instant at which that much working time has passed, so a term that ends exactly
 *   at a break or at closing time is due at the start of the break / at closing (13:00, 18:30),
 *   not after it.
 * - **working days** (default reading) — the same point of the working day, N working days later:
 *   started Monday 10:00 (one working hour into the day), 1 working day is due Tuesday 10:00. A start
 *   before opening, after closing or on a day off counts from the opening of the next working day, and
 *   then N working days are due at the close of the Nth working day counted from (and including)
 *   that day. This is the earliest due the text allows, read in the applicant's favour.
 * - **working days** with `excludeStartDay` — the close of the Nth working day after the day of
 *   acceptance: accepted any time on Monday, 1 working day is due Tuesday at closing (18:30 for the
 *   provider's office). This is the reading of "the day of acceptance is not counted" (004 p. 3; 003).
 * - **calendar days** — civil days in the organisation's zone, whether working or not: by default the
 *   same local time N days later; with `excludeStartDay` the end (23:59:59.999) of the Nth day after
 *   the day of acceptance. The due may fall on a day off (the texts give no roll-forward rule; rolling
 *   forward would only lengthen the term against the applicant).
 *
 * Suspensions: the clock stops during each interval after the start; for working-time units the due
 * moves by the working time inside the suspensions, for calendar days by their full length.
 *
 * Cost: O(1) for working and calendar days, O(log days) for minutes and hours, plus O(s) per suspension.
 * @throws DomainError(validation_failed, rule calendar_range) when start or due lies outside the calendar.
 */
export function addDuration(
  time: WorkingTime,
  start: number,
  duration: Duration,
  options: AddDurationOptions = {},
): number {
  const afterHours =
    options.afterHoursCountsFromNextWorkingDay ?? time.schedule.acceptsAroundTheClock;
  const exclude = options.excludeStartDay === true;
  const { amount } = duration;
  const isWholeDays = duration.unit === 'working_days' || duration.unit === 'calendar_days';
  if (!(amount >= 0) || !Number.isFinite(amount) || (isWholeDays && !Number.isInteger(amount))) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'term.amount', rule: 'duration', params: { amount, unit: duration.unit } }],
    });
  }
  let effectiveStart: number;
  let due: number;
  switch (duration.unit) {
    case 'minutes':
    case 'hours': {
      const term = amount * (duration.unit === 'minutes' ? msPerMinute : msPerHour);
      const from = exclude
        ? openingOfDay(time, nextWorkingDayIndex(time, acceptanceDayIndex(time, start, afterHours)))
        : start;
      effectiveStart = exclude || afterHours ? nextWorkingInstant(time, from) : from;
      due =
        term === 0
          ? effectiveStart
          : instantAtWorkingTime(time, workingTimeAt(time, from) + term, dayIndexOf(time, from));
      break;
    }
    case 'working_days': {
      if (exclude) {
        const first = nextWorkingDayIndex(time, acceptanceDayIndex(time, start, afterHours));
        effectiveStart = openingOfDay(time, first);
        due =
          amount === 0
            ? effectiveStart
            : closeOfDay(
                time,
                workingDayAt(time, (time.workingDaysBefore[first] ?? 0) + amount - 1),
              );
        break;
      }
      effectiveStart = afterHours ? nextWorkingInstant(time, start) : start;
      due = amount === 0 ? effectiveStart : addWorkingDaysKeepingPosition(time, start, amount);
      break;
    }
    case 'calendar_days': {
      if (exclude) {
        const accepted = acceptanceDayIndex(time, start, afterHours);
        effectiveStart = time.dayStart[accepted + 1] ?? Number.NaN;
        due = dayBoundary(time, accepted + amount + 1) - 1;
        if (amount === 0) due = effectiveStart;
        break;
      }
      effectiveStart = afterHours ? nextWorkingInstant(time, start) : start;
      const index = dayIndexOf(time, effectiveStart);
      due = dayBoundary(time, index + amount) + (effectiveStart - (time.dayStart[index] ?? 0));
      break;
    }
    default: {
      const unreachable: never = duration.unit;
      throw new Error(`unknown unit ${String(unreachable)}`);
    }
  }
  if (options.suspensions && options.suspensions.length > 0) {
    due = applySuspensions(
      time,
      effectiveStart,
      due,
      options.suspensions,
      duration.unit === 'calendar_days',
    );
  }
  return due;
}

/** N working days at the same point of the working day (see addDuration). */
function addWorkingDaysKeepingPosition(time: WorkingTime, start: number, amount: number): number {
  let index = dayIndexOf(time, start);
  let position = workingTimeAt(time, start) - (time.workBefore[index] ?? 0);
  if (!isWorkingDayIndex(time, index) || position >= workOfDay(time, index)) {
    index = nextWorkingDayIndex(time, index);
    position = 0;
  }
  const ordinal = time.workingDaysBefore[index] ?? 0;
  if (position === 0) return closeOfDay(time, workingDayAt(time, ordinal + amount - 1));
  const target = workingDayAt(time, ordinal + amount);
  return instantInDay(time, target, Math.min(position, workOfDay(time, target)));
}

/** Local midnight starting the day at the index (index may be dayCount: the end of the calendar). */
function dayBoundary(time: WorkingTime, index: number): number {
  const value = index >= 0 && index <= time.dayCount ? time.dayStart[index] : undefined;
  if (value === undefined) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [
        {
          path: 'due',
          rule: 'calendar_range',
          params: { from: time.calendar.firstYear, to: time.calendar.lastYear },
        },
      ],
    });
  }
  return value;
}

/** The day of acceptance: the start's day, or (after hours) the next working day. */
function acceptanceDayIndex(time: WorkingTime, start: number, afterHours: boolean): number {
  const index = dayIndexOf(time, start);
  if (!afterHours) return index;
  if (!isWorkingDayIndex(time, index) || start >= closeOfDay(time, index))
    return nextWorkingDayIndex(time, index);
  return index;
}

function mergeIntervals(intervals: readonly InstantInterval[]): InstantInterval[] {
  const sorted = intervals
    .filter((interval) => interval.to > interval.from)
    .sort((a, b) => a.from - b.from);
  const merged: InstantInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.from <= last.to)
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, interval.to) };
    else merged.push(interval);
  }
  return merged;
}

function applySuspensions(
  time: WorkingTime,
  start: number,
  initialDue: number,
  suspensions: readonly InstantInterval[],
  isCalendarTime: boolean,
): number {
  let due = initialDue;
  for (const suspension of mergeIntervals(suspensions)) {
    if (suspension.from >= due) break;
    const from = Math.max(suspension.from, start);
    if (suspension.to <= from) continue;
    if (isCalendarTime) {
      due += suspension.to - from;
      continue;
    }
    const pushed = workingTimeAt(time, suspension.to) - workingTimeAt(time, from);
    if (pushed > 0) due = instantAtWorkingTime(time, workingTimeAt(time, due) + pushed);
  }
  return due;
}

/**
 * Extends a due by more term (продление срока): the same arithmetic as addDuration, counted from
 * the current due (a due at closing time extends from the next working day's opening).
 */
export function extendDue(
  time: WorkingTime,
  due: number,
  extension: Duration,
  suspensions?: readonly InstantInterval[],
): number {
  return addDuration(time, due, extension, {
    afterHoursCountsFromNextWorkingDay: false,
    ...(suspensions ? { suspensions } : {}),
  });
}

/**
 * Working time (ms) of the schedule between two instants, minus the working time inside the
 * suspensions. Negative when `to` is before `from`.
 */
export function elapsedWorkingTime(
  time: WorkingTime,
  from: number,
  to: number,
  suspensions: readonly InstantInterval[] = [],
): number {
  if (to < from) return -elapsedWorkingTime(time, to, from, suspensions);
  let elapsed = workingTimeAt(time, to) - workingTimeAt(time, from);
  for (const suspension of mergeIntervals(suspensions)) {
    const start = Math.max(from, suspension.from);
    const end = Math.min(to, suspension.to);
    if (end > start) elapsed -= workingTimeAt(time, end) - workingTimeAt(time, start);
  }
  return elapsed;
}

/** True when the instant lies inside the schedule's working hours on a working day. */
export function isWithinWorkingHours(time: WorkingTime, instant: number): boolean {
  const index = dayIndexOf(time, instant);
  const local = instant - (time.dayStart[index] ?? 0);
  const end = time.firstPeriod[index + 1] ?? 0;
  for (let period = time.firstPeriod[index] ?? 0; period < end; period += 1) {
    if (local >= (time.periodFrom[period] ?? 0) && local < (time.periodTo[period] ?? 0))
      return true;
  }
  return false;
}

/**
 * True when applications are accepted and results issued at the instant (the schedule's
 * intakeHours, e.g. 9:00–17:30 at the provider's office, standard-education-duplicates p. 7); the working hours when
 * the schedule has no separate intake hours.
 */
export function isWithinIntakeHours(time: WorkingTime, instant: number): boolean {
  const intake = time.schedule.intakeHours;
  if (!intake) return isWithinWorkingHours(time, instant);
  const index = dayIndexOf(time, instant);
  const weekday = hoursWeekdayOf(time.calendar, time.schedule, index);
  if (weekday === 0) return false;
  const name = weekdayNames[weekday - 1];
  if (!name) return false;
  const minutes = (instant - (time.dayStart[index] ?? 0)) / msPerMinute;
  return (intake as WeekHours)[name].some(
    (interval) =>
      minutes >= minutesOfTimeOfDay(interval.from) && minutes < minutesOfTimeOfDay(interval.to),
  );
}

/** The instant itself when inside working hours, else the next opening (after a break, the next morning or the next working day). */
export function nextWorkingInstant(time: WorkingTime, instant: number): number {
  const index = dayIndexOf(time, instant);
  const dayStart = time.dayStart[index] ?? 0;
  const local = instant - dayStart;
  const end = time.firstPeriod[index + 1] ?? 0;
  for (let period = time.firstPeriod[index] ?? 0; period < end; period += 1) {
    if (local < (time.periodTo[period] ?? 0))
      return dayStart + Math.max(local, time.periodFrom[period] ?? 0);
  }
  return openingOfDay(time, nextWorkingDayIndex(time, index));
}

/** The instant itself when inside working hours (or at the end of a period), else the end of the last working period before it. */
export function latestWorkingInstantAtOrBefore(time: WorkingTime, instant: number): number {
  const index = dayIndexOf(time, instant);
  const dayStart = time.dayStart[index] ?? 0;
  const local = instant - dayStart;
  for (
    let period = (time.firstPeriod[index + 1] ?? 0) - 1;
    period >= (time.firstPeriod[index] ?? 0);
    period -= 1
  ) {
    if (local >= (time.periodFrom[period] ?? 0))
      return dayStart + Math.min(local, time.periodTo[period] ?? 0);
  }
  return closeOfDay(time, workingDayAt(time, (time.workingDaysBefore[index] ?? 0) - 1));
}

/**
 * The latest instant at which the provider must deliver the result to the front office:
 * "не позднее чем за сутки до истечения срока оказания государственной услуги" (004, p. 9 item 3;
 * digest: front office flow). "Сутки" is read as 24 hours before the due, moved back to the
 * provider's working time when that falls outside it (the provider can deliver only while it works);
 * this is the earlier of the possible readings, in the applicant's favour.
 * `time` is the provider's working time.
 */
export function latestDeliveryToFrontOffice(time: WorkingTime, due: number): number {
  return latestWorkingInstantAtOrBefore(time, due - msPerDay);
}
