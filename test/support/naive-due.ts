// A naive, obviously-correct due computation: walks day by day over ISO date strings, looks days up
// in the calendar's Map and converts local times with the zone's offset per day (memoised Intl).
// It is the oracle of the property tests and the baseline of bench/due-time.bench.ts.
import {
  epochDayFromIsoDate,
  isoDateFromEpochDay,
  offsetMinutesAt,
  weekdayOfEpochDay,
  type Duration,
  type ProductionCalendar,
  type Schedule,
} from '../../src/domain/calendar/index.js';

const names = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
const toMs = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000;

export interface NaiveOptions {
  excludeStartDay?: boolean;
  afterHoursCountsFromNextWorkingDay?: boolean;
}

/** Naive due computation with the same contract as addDuration (without suspensions). */
export class NaiveDue {
  private readonly offsets = new Map<string, number>();
  constructor(
    private readonly calendar: ProductionCalendar,
    private readonly schedule: Schedule,
    private readonly timeZone: string,
  ) {}

  private midnight(date: string): number {
    let offset = this.offsets.get(date);
    if (offset === undefined) {
      const noon = epochDayFromIsoDate(date) * 86_400_000 + 12 * 3_600_000;
      offset = offsetMinutesAt(this.timeZone, noon - offsetMinutesAt(this.timeZone, noon) * 60_000);
      this.offsets.set(date, offset);
    }
    return epochDayFromIsoDate(date) * 86_400_000 - offset * 60_000;
  }

  private dateOf(instant: number): string {
    let date = isoDateFromEpochDay(Math.floor(instant / 86_400_000));
    while (this.midnight(date) > instant) date = this.shift(date, -1);
    while (this.midnight(this.shift(date, 1)) <= instant) date = this.shift(date, 1);
    return date;
  }

  private shift(date: string, days: number): string {
    return isoDateFromEpochDay(epochDayFromIsoDate(date) + days);
  }

  /** Working periods of a date as absolute instants. */
  periods(date: string): [number, number][] {
    const entry = this.calendar.days.get(date);
    let weekday = weekdayOfEpochDay(epochDayFromIsoDate(date));
    if (entry) {
      if (
        entry.kind === 'holiday' ||
        entry.kind === 'religiousHoliday' ||
        entry.kind === 'substituteDayOff'
      ) {
        if (this.schedule.closedOnHolidays) return [];
      } else if (entry.kind === 'transferredDayOff') {
        if (this.schedule.followsTransfers) return [];
      } else if (this.schedule.followsTransfers && entry.pairedWith) {
        weekday = weekdayOfEpochDay(epochDayFromIsoDate(entry.pairedWith));
      }
    }
    const base = this.midnight(date);
    return this.schedule.workingHours[names[weekday - 1] ?? 'monday'].map((interval) => [
      base + toMs(interval.from),
      base + toMs(interval.to),
    ]);
  }

  private nextWorkingDate(date: string): string {
    let next = this.shift(date, 1);
    while (this.periods(next).length === 0) next = this.shift(next, 1);
    return next;
  }

  private close(date: string): number {
    const periods = this.periods(date);
    return periods[periods.length - 1]?.[1] ?? Number.NaN;
  }

  /** Adds a duration (see addDuration for the meaning of the units and options). */
  add(start: number, duration: Duration, options: NaiveOptions = {}): number {
    const afterHours =
      options.afterHoursCountsFromNextWorkingDay ?? this.schedule.acceptsAroundTheClock;
    let accepted = this.dateOf(start);
    if (afterHours && (this.periods(accepted).length === 0 || start >= this.close(accepted)))
      accepted = this.nextWorkingDate(accepted);
    const { amount, unit } = duration;
    if (amount === 0) {
      if (options.excludeStartDay) {
        return unit === 'calendar_days'
          ? this.midnight(this.shift(accepted, 1))
          : (this.periods(this.nextWorkingDate(accepted))[0]?.[0] ?? Number.NaN);
      }
      return afterHours ? this.nextWorkingInstant(start) : start;
    }
    if (unit === 'calendar_days') {
      if (options.excludeStartDay) return this.midnight(this.shift(accepted, amount + 1)) - 1;
      let from = start;
      if (afterHours) from = this.nextWorkingInstant(start);
      const date = this.dateOf(from);
      return this.midnight(this.shift(date, amount)) + (from - this.midnight(date));
    }
    if (unit === 'working_days') {
      if (options.excludeStartDay) {
        let date = accepted;
        for (let count = 0; count < amount; count += 1) date = this.nextWorkingDate(date);
        return this.close(date);
      }
      let date = this.dateOf(start);
      let position = 0;
      const periods = this.periods(date);
      for (const [from, to] of periods) position += Math.max(0, Math.min(start, to) - from);
      const length = periods.reduce((sum, [from, to]) => sum + to - from, 0);
      if (periods.length === 0 || position >= length) {
        date = this.nextWorkingDate(date);
        position = 0;
      }
      if (position === 0) {
        for (let count = 1; count < amount; count += 1) date = this.nextWorkingDate(date);
        return this.close(date);
      }
      for (let count = 0; count < amount; count += 1) date = this.nextWorkingDate(date);
      return this.instantAtPosition(date, position);
    }
    let remaining = amount * (unit === 'minutes' ? 60_000 : 3_600_000);
    let from = options.excludeStartDay
      ? (this.periods(this.nextWorkingDate(accepted))[0]?.[0] ?? Number.NaN)
      : start;
    if (remaining === 0)
      return afterHours || options.excludeStartDay ? this.nextWorkingInstant(from) : from;
    let date = this.dateOf(from);
    for (;;) {
      for (const [periodFrom, periodTo] of this.periods(date)) {
        const begin = Math.max(periodFrom, from);
        if (begin >= periodTo) continue;
        if (periodTo - begin >= remaining) return begin + remaining;
        remaining -= periodTo - begin;
      }
      date = this.shift(date, 1);
      from = this.midnight(date);
    }
  }

  private instantAtPosition(date: string, position: number): number {
    let remaining = position;
    const periods = this.periods(date);
    for (const [from, to] of periods) {
      if (remaining <= to - from) return from + remaining;
      remaining -= to - from;
    }
    return this.close(date);
  }

  private nextWorkingInstant(instant: number): number {
    const date = this.dateOf(instant);
    for (const [from, to] of this.periods(date)) if (instant < to) return Math.max(instant, from);
    return this.periods(this.nextWorkingDate(date))[0]?.[0] ?? Number.NaN;
  }
}
