import { DomainError, ErrorCode } from '../shared/domain-error.js';
import {
  epochDayFromIsoDate,
  isoDateFromEpochDay,
  isWeekend,
  weekdayOfEpochDay,
} from './civil-date.js';
import type { CalendarDay, ProductionCalendarYear } from './ProductionCalendarYear.js';

/** How a civil day stands in the production calendar (one byte per day in the tables). */
export const DayStatus = {
  /** Follows the week: Monday–Friday working, Saturday–Sunday off. */
  ordinary: 0,
  /** A holiday, a religious day off or a substitute day off: closed for every schedule that closes on holidays. */
  dayOff: 1,
  /** A weekday made a day of rest by a transfer (five-day-week schedules only). */
  transferredDayOff: 2,
  /** A Saturday or Sunday made a working day by a transfer (five-day-week schedules only). */
  transferredWorkingDay: 3,
} as const;
export type DayStatus = (typeof DayStatus)[keyof typeof DayStatus];

/**
 * The production calendar over consecutive years, indexed by epoch day for O(1) lookups.
 * Build with `buildProductionCalendar`; immutable afterwards.
 */
export interface ProductionCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Epoch day of 1 January of firstYear. */
  readonly firstDay: number;
  /** Number of days covered (through 31 December of lastYear). */
  readonly dayCount: number;
  /** DayStatus per day, index = epoch day − firstDay. */
  readonly status: Uint8Array;
  /**
   * For transferred working days: the ISO weekday whose working hours apply (the weekday of the
   * day off it was exchanged for); 0 elsewhere.
   */
  readonly hoursOfWeekday: Uint8Array;
  /** The listed days by ISO date. */
  readonly days: ReadonlyMap<string, CalendarDay>;
  /** The year files it was built from, in order. */
  readonly years: readonly ProductionCalendarYear[];
}

/**
 * Combines validated year files into one calendar. The years must be consecutive;
 * run `checkProductionCalendar` first to get every defect as a list.
 * @throws DomainError(validation_failed) when years are missing in between or duplicated.
 */
export function buildProductionCalendar(
  years: readonly ProductionCalendarYear[],
): ProductionCalendar {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'years', rule: 'required' }],
    });
  }
  sorted.forEach((entry, index) => {
    if (entry.year !== first.year + index) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [
          {
            path: 'years',
            rule: 'consecutive',
            params: { expected: first.year + index, found: entry.year },
          },
        ],
      });
    }
  });
  const firstDay = epochDayFromIsoDate(`${first.year}-01-01`);
  const dayCount = epochDayFromIsoDate(`${last.year + 1}-01-01`) - firstDay;
  const status = new Uint8Array(dayCount);
  const hoursOfWeekday = new Uint8Array(dayCount);
  const days = new Map<string, CalendarDay>();
  for (const entry of sorted) {
    for (const day of entry.days) {
      days.set(day.date, day);
      const index = epochDayFromIsoDate(day.date) - firstDay;
      switch (day.kind) {
        case 'holiday':
        case 'religiousHoliday':
        case 'substituteDayOff':
          status[index] = DayStatus.dayOff;
          break;
        case 'transferredDayOff':
          status[index] = DayStatus.transferredDayOff;
          break;
        case 'transferredWorkingDay':
          status[index] = DayStatus.transferredWorkingDay;
          hoursOfWeekday[index] = day.pairedWith
            ? weekdayOfEpochDay(epochDayFromIsoDate(day.pairedWith))
            : 1;
          break;
        default: {
          const unreachable: never = day.kind;
          throw new Error(`unknown day kind ${String(unreachable)}`);
        }
      }
    }
  }
  return {
    firstYear: first.year,
    lastYear: last.year,
    firstDay,
    dayCount,
    status,
    hoursOfWeekday,
    days,
    years: sorted,
  };
}

/** A defect found by `checkProductionCalendar`. */
export interface CalendarIssue {
  readonly severity: 'error' | 'warning';
  readonly year: number;
  readonly date?: string;
  readonly message: string;
}

/** Options of `checkProductionCalendar`. */
export interface CheckOptions {
  /** Years that must be present, e.g. 2012–2027. */
  readonly requiredYears?: { from: number; to: number };
}

/**
 * Checks the rules that span days and years (the per-file rules are in the zod schema):
 * consecutive years; every non-religious holiday on a weekend has exactly one substitute
 * (Law No. 267-II art. 5: "при совпадении выходного и праздничного дней выходным днем является
 * следующий после праздничного рабочий день"); no substitute for religious days off; substitutes
 * point at a weekend holiday; both halves of every transfer exist and point at each other;
 * every year cites Law No. 267-II. Unverified sources are reported as warnings.
 * Returns issues instead of throwing (batch operation).
 */
export function checkProductionCalendar(
  years: readonly ProductionCalendarYear[],
  options: CheckOptions = {},
): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const present = new Set(years.map((entry) => entry.year));
  if (options.requiredYears) {
    for (let year = options.requiredYears.from; year <= options.requiredYears.to; year += 1) {
      if (!present.has(year))
        issues.push({ severity: 'error', year, message: `calendar/kz/${year}.yaml is missing` });
    }
  }
  const byDate = new Map<string, CalendarDay>();
  const yearOf = (date: string) => Number(date.slice(0, 4));
  for (const entry of years) for (const day of entry.days) byDate.set(day.date, day);
  const substitutesOf = new Map<string, string[]>();
  for (const day of byDate.values()) {
    const error = (message: string) =>
      issues.push({ severity: 'error', year: yearOf(day.date), date: day.date, message });
    if (day.kind === 'substituteDayOff' && day.substituteFor) {
      const list = substitutesOf.get(day.substituteFor) ?? [];
      list.push(day.date);
      substitutesOf.set(day.substituteFor, list);
      const holiday = byDate.get(day.substituteFor);
      const distance = epochDayFromIsoDate(day.date) - epochDayFromIsoDate(day.substituteFor);
      if (!holiday && present.has(yearOf(day.substituteFor)))
        error(`substitutes ${day.substituteFor}, which is not listed`);
      if (holiday && holiday.kind !== 'holiday')
        error(
          `substitutes ${day.substituteFor}, which is a ${holiday.kind} (religious days off get no substitute)`,
        );
      if (holiday && !isWeekend(epochDayFromIsoDate(holiday.date)))
        error(`substitutes ${day.substituteFor}, which is not on a weekend`);
      if (Math.abs(distance) > 7) error(`is ${distance} days away from the holiday it substitutes`);
    }
    if (day.kind === 'transferredDayOff' || day.kind === 'transferredWorkingDay') {
      const other = day.pairedWith ? byDate.get(day.pairedWith) : undefined;
      const expected =
        day.kind === 'transferredDayOff' ? 'transferredWorkingDay' : 'transferredDayOff';
      if (day.pairedWith && !other && present.has(yearOf(day.pairedWith)))
        error(`its pair ${day.pairedWith} is not listed`);
      if (other && (other.kind !== expected || other.pairedWith !== day.date))
        error(`its pair ${day.pairedWith} is not a ${expected} pointing back`);
    }
  }
  for (const day of byDate.values()) {
    if (day.kind !== 'holiday' || !isWeekend(epochDayFromIsoDate(day.date))) continue;
    const count = substitutesOf.get(day.date)?.length ?? 0;
    const nextYearPresent = present.has(yearOf(day.date) + 1) || !day.date.endsWith('12-31');
    if (count === 0 && nextYearPresent) {
      issues.push({
        severity: 'error',
        year: yearOf(day.date),
        date: day.date,
        message: 'a holiday on a weekend has no substitute day off',
      });
    }
    if (count > 1) {
      issues.push({
        severity: 'error',
        year: yearOf(day.date),
        date: day.date,
        message: `has ${count} substitute days (one expected): ${substitutesOf.get(day.date)?.join(', ')}`,
      });
    }
  }
  for (const entry of years) {
    if (!entry.sources.some((source) => source.kind === 'law' && /267/.test(source.title))) {
      issues.push({
        severity: 'error',
        year: entry.year,
        message: 'does not cite Law No. 267-II "On holidays in the Republic of Kazakhstan"',
      });
    }
    for (const source of entry.sources) {
      if (!source.verified) {
        issues.push({
          severity: 'warning',
          year: entry.year,
          message: `source "${source.id}" is not verified: ${source.title}`,
        });
      }
    }
  }
  return issues.sort((a, b) => a.year - b.year || (a.date ?? '').localeCompare(b.date ?? ''));
}

/** The listed days of a year (holidays, religious days off, substitutes and both halves of transfers), in date order. */
export function listYearDays(calendar: ProductionCalendar, year: number): CalendarDay[] {
  const entry = calendar.years.find((candidate) => candidate.year === year);
  if (!entry) return [];
  return [...entry.days].sort((a, b) => a.date.localeCompare(b.date));
}

/** The status of a civil date; throws for dates outside the calendar. */
export function getDayStatus(calendar: ProductionCalendar, epochDay: number): DayStatus {
  const index = epochDay - calendar.firstDay;
  if (index < 0 || index >= calendar.dayCount) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [
        {
          path: 'date',
          rule: 'calendar_range',
          params: {
            date: isoDateFromEpochDay(epochDay),
            from: calendar.firstYear,
            to: calendar.lastYear,
          },
        },
      ],
    });
  }
  return calendar.status[index] as DayStatus;
}
