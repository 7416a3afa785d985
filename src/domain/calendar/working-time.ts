import { DomainError, ErrorCode } from '../shared/domain-error.js';
import {
  isoDateFromEpochDay,
  msPerDay,
  msPerMinute,
  weekdayNames,
  weekdayOfEpochDay,
} from './civil-date.js';
import { DayStatus, type ProductionCalendar } from './production-calendar.js';
import { minutesOfTimeOfDay, type Schedule, type WeekHours } from './Schedule.js';
import { dailyOffsets, isKnownTimeZone } from './time-zone.js';

/**
 * Precomputed working time of one schedule under one production calendar in one time zone.
 * Every query is O(1) or a binary search over days: no day-by-day loops, no Intl.
 *
 * Coordinates: instants are epoch milliseconds (UTC). "Working time" W(t) is the number of
 * working milliseconds of the schedule from the first day of the calendar up to t.
 */
export interface WorkingTime {
  readonly calendar: ProductionCalendar;
  readonly schedule: Schedule;
  readonly timeZone: string;
  readonly firstDay: number;
  readonly dayCount: number;
  /** UTC offset of each day in minutes. */
  readonly offsetMinutes: Int32Array;
  /** UTC instant of local midnight of each day; index dayCount = end of the last day. */
  readonly dayStart: Float64Array;
  /** Working milliseconds before each day; index dayCount = total. */
  readonly workBefore: Float64Array;
  /** Index of each day's first period in periodFrom/periodTo; index dayCount = period count. */
  readonly firstPeriod: Int32Array;
  /** Period bounds in milliseconds after local midnight. */
  readonly periodFrom: Float64Array;
  readonly periodTo: Float64Array;
  /** Number of working days before each day; index dayCount = total. */
  readonly workingDaysBefore: Int32Array;
  /** Day index of the k-th working day. */
  readonly workingDays: Int32Array;
}

/** The inputs of `createWorkingTime`. */
export interface WorkingTimeInput {
  readonly calendar: ProductionCalendar;
  readonly schedule: Schedule;
  /** IANA zone of the organisation, e.g. Asia/Almaty. */
  readonly timeZone: string;
}

const rangeError = (what: string, params: Record<string, string | number>) =>
  new DomainError(ErrorCode.validationFailed, {
    issues: [{ path: what, rule: 'calendar_range', params }],
  });

/** Which ISO weekday's hours a day uses under the schedule, or 0 when the day is closed. */
export function hoursWeekdayOf(
  calendar: ProductionCalendar,
  schedule: Schedule,
  index: number,
): number {
  const status = calendar.status[index] as DayStatus;
  const weekday = weekdayOfEpochDay(calendar.firstDay + index);
  switch (status) {
    case DayStatus.ordinary:
      return weekday;
    case DayStatus.dayOff:
      return schedule.closedOnHolidays ? 0 : weekday;
    case DayStatus.transferredDayOff:
      return schedule.followsTransfers ? 0 : weekday;
    case DayStatus.transferredWorkingDay:
      return schedule.followsTransfers ? (calendar.hoursOfWeekday[index] ?? weekday) : weekday;
    default: {
      const unreachable: never = status;
      throw new Error(`unknown day status ${String(unreachable)}`);
    }
  }
}

/**
 * Builds the tables of a schedule under a calendar and zone (a few milliseconds for 16 years;
 * build once per organisation and reuse).
 * @throws DomainError(validation_failed) for an unknown time zone.
 */
export function createWorkingTime({ calendar, schedule, timeZone }: WorkingTimeInput): WorkingTime {
  if (!isKnownTimeZone(timeZone)) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'timeZone', rule: 'unknown_time_zone', params: { timeZone } }],
    });
  }
  const { firstDay, dayCount } = calendar;
  const offsetMinutes = dailyOffsets(timeZone, firstDay, dayCount);
  const dayStart = new Float64Array(dayCount + 1);
  const workBefore = new Float64Array(dayCount + 1);
  const firstPeriod = new Int32Array(dayCount + 1);
  const workingDaysBefore = new Int32Array(dayCount + 1);
  const from: number[] = [];
  const to: number[] = [];
  const workingDays: number[] = [];
  const hoursByWeekday = weekdayNames.map((name) =>
    (schedule.workingHours as WeekHours)[name].map((interval) => [
      minutesOfTimeOfDay(interval.from) * msPerMinute,
      minutesOfTimeOfDay(interval.to) * msPerMinute,
    ]),
  );
  let work = 0;
  for (let index = 0; index < dayCount; index += 1) {
    dayStart[index] = (firstDay + index) * msPerDay - (offsetMinutes[index] ?? 0) * msPerMinute;
    workBefore[index] = work;
    firstPeriod[index] = from.length;
    workingDaysBefore[index] = workingDays.length;
    const weekday = hoursWeekdayOf(calendar, schedule, index);
    const periods = weekday === 0 ? [] : (hoursByWeekday[weekday - 1] ?? []);
    for (const [start = 0, end = 0] of periods) {
      from.push(start);
      to.push(end);
      work += end - start;
    }
    if (periods.length > 0) workingDays.push(index);
  }
  const lastOffset = offsetMinutes[dayCount - 1] ?? 0;
  dayStart[dayCount] = (firstDay + dayCount) * msPerDay - lastOffset * msPerMinute;
  workBefore[dayCount] = work;
  firstPeriod[dayCount] = from.length;
  workingDaysBefore[dayCount] = workingDays.length;
  return {
    calendar,
    schedule,
    timeZone,
    firstDay,
    dayCount,
    offsetMinutes,
    dayStart,
    workBefore,
    firstPeriod,
    periodFrom: Float64Array.from(from),
    periodTo: Float64Array.from(to),
    workingDaysBefore,
    workingDays: Int32Array.from(workingDays),
  };
}

const memo = new WeakMap<ProductionCalendar, Map<string, WorkingTime>>();
const memoBySchedule = new WeakMap<
  ProductionCalendar,
  WeakMap<WorkingTimeInput['schedule'], Map<string, WorkingTime>>
>();

/**
 * Like createWorkingTime, but returns the same tables for an equal schedule and zone under the same
 * calendar object (the tables are deterministic, so every node computes the same ones). Use it where
 * schedules come from organisation records, so each distinct schedule is built once.
 */
export function getWorkingTime(input: WorkingTimeInput): WorkingTime {
  // The same schedule object (a standard schedule, a cached organisation's) under the same
  // calendar and zone: found without writing the schedule out as a key (issue 21: every
  // command asks for its organisations' working time).
  let bySchedule = memoBySchedule.get(input.calendar);
  if (!bySchedule) {
    bySchedule = new WeakMap();
    memoBySchedule.set(input.calendar, bySchedule);
  }
  let byZone = bySchedule.get(input.schedule);
  if (!byZone) {
    byZone = new Map();
    bySchedule.set(input.schedule, byZone);
  }
  const known = byZone.get(input.timeZone);
  if (known) return known;
  let byKey = memo.get(input.calendar);
  if (!byKey) {
    byKey = new Map();
    memo.set(input.calendar, byKey);
  }
  const key = `${input.timeZone}|${JSON.stringify(input.schedule)}`;
  let time = byKey.get(key);
  if (!time) {
    time = createWorkingTime(input);
    byKey.set(key, time);
  }
  byZone.set(input.timeZone, time);
  return time;
}

/** Index of the civil day (in the zone) that contains the instant. */
export function dayIndexOf(time: WorkingTime, instant: number): number {
  const { dayStart, dayCount } = time;
  if (!(instant >= (dayStart[0] ?? 0) && instant < (dayStart[dayCount] ?? 0))) {
    throw rangeError('instant', {
      instant: Number.isFinite(instant) ? new Date(instant).toISOString() : String(instant),
      from: time.calendar.firstYear,
      to: time.calendar.lastYear,
    });
  }
  let index = Math.floor(instant / msPerDay) - time.firstDay;
  if (index < 0) index = 0;
  if (index >= dayCount) index = dayCount - 1;
  while (index > 0 && instant < (dayStart[index] ?? 0)) index -= 1;
  while (index < dayCount - 1 && instant >= (dayStart[index + 1] ?? 0)) index += 1;
  return index;
}

/** Working milliseconds of the day at the given index. */
export function workOfDay(time: WorkingTime, index: number): number {
  return (time.workBefore[index + 1] ?? 0) - (time.workBefore[index] ?? 0);
}

/** W(t): working milliseconds from the start of the calendar up to the instant. */
export function workingTimeAt(time: WorkingTime, instant: number): number {
  const index = dayIndexOf(time, instant);
  const local = instant - (time.dayStart[index] ?? 0);
  let work = time.workBefore[index] ?? 0;
  const end = time.firstPeriod[index + 1] ?? 0;
  for (let period = time.firstPeriod[index] ?? 0; period < end; period += 1) {
    const from = time.periodFrom[period] ?? 0;
    if (local <= from) break;
    const to = time.periodTo[period] ?? 0;
    work += (local < to ? local : to) - from;
  }
  return work;
}

/**
 * The earliest instant whose working time equals `work` (for 0 < work ≤ total). On a boundary
 * this is the end of the earlier period (18:30 rather than 9:00 next morning; 13:00 rather than 14:30).
 * `fromIndex` is a day known to lie at or before the answer (e.g. the start's day): the search
 * gallops forward from it, so short terms cost O(1) and long ones O(log days).
 */
export function instantAtWorkingTime(time: WorkingTime, work: number, fromIndex = 0): number {
  const { workBefore, dayCount } = time;
  const total = workBefore[dayCount] ?? 0;
  if (work > total) {
    throw rangeError('due', { lastYear: time.calendar.lastYear });
  }
  if (work <= 0) return time.dayStart[0] ?? 0;
  // Find the largest index with workBefore[index] < work, galloping from fromIndex.
  let low = fromIndex > 0 && (workBefore[fromIndex] ?? 0) < work ? fromIndex : 0;
  let step = 1;
  let high = low + step;
  while (high < dayCount && (workBefore[high] ?? 0) < work) {
    low = high;
    step *= 2;
    high = low + step;
  }
  if (high > dayCount - 1) high = dayCount - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((workBefore[middle] ?? 0) < work) low = middle;
    else high = middle - 1;
  }
  return instantInDay(time, low, work - (workBefore[low] ?? 0));
}

/** The earliest instant of day `index` at which `elapsed` working ms of that day have passed (0 < elapsed ≤ day's work). */
export function instantInDay(time: WorkingTime, index: number, elapsed: number): number {
  let remaining = elapsed;
  const end = time.firstPeriod[index + 1] ?? 0;
  for (let period = time.firstPeriod[index] ?? 0; period < end; period += 1) {
    const from = time.periodFrom[period] ?? 0;
    const length = (time.periodTo[period] ?? 0) - from;
    if (remaining <= length) return (time.dayStart[index] ?? 0) + from + remaining;
    remaining -= length;
  }
  return (time.dayStart[index] ?? 0) + (time.periodTo[end - 1] ?? 0);
}

/** True when the day at the index has working hours under the schedule. */
export function isWorkingDayIndex(time: WorkingTime, index: number): boolean {
  return (time.firstPeriod[index + 1] ?? 0) > (time.firstPeriod[index] ?? 0);
}

/** Day index of the working day with the given ordinal (0 = first working day of the calendar). */
export function workingDayAt(time: WorkingTime, ordinal: number): number {
  const day = ordinal >= 0 ? time.workingDays[ordinal] : undefined;
  if (day === undefined)
    throw rangeError('due', { from: time.calendar.firstYear, to: time.calendar.lastYear });
  return day;
}

/** Index of the first working day strictly after the day index, skipping `skip` more working days. */
export function nextWorkingDayIndex(time: WorkingTime, index: number, skip = 0): number {
  return workingDayAt(time, (time.workingDaysBefore[index + 1] ?? 0) + skip);
}

/** The end of the last working period of a working day. */
export function closeOfDay(time: WorkingTime, index: number): number {
  const last = (time.firstPeriod[index + 1] ?? 0) - 1;
  return (time.dayStart[index] ?? 0) + (time.periodTo[last] ?? 0);
}

/** The opening of the first working period of a working day. */
export function openingOfDay(time: WorkingTime, index: number): number {
  return (time.dayStart[index] ?? 0) + (time.periodFrom[time.firstPeriod[index] ?? 0] ?? 0);
}

/** Short description of a day index, for messages. */
export function isoDateOfIndex(time: WorkingTime, index: number): string {
  return isoDateFromEpochDay(time.firstDay + index);
}
