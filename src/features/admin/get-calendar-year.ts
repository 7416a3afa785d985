import type { Principal } from '../../domain/identity/authorisation.js';
import {
  DayStatus,
  epochDayFromIsoDate,
  getDayStatus,
  isWeekend,
  listYearDays,
} from '../../domain/calendar/index.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { adminScopeOf } from './admin-scope.js';

/**
 * One year of the production calendar for an administrator: every listed day (holidays,
 * religious days off, substitute days off, transfers) with its legal sources, each month's
 * days off (weekends included) and the years the calendar covers.
 */
export function getCalendarYear(services: ApplicationServices, principal: Principal, year: number) {
  adminScopeOf(principal);
  const { calendar } = services;
  if (!Number.isInteger(year) || year < calendar.firstYear || year > calendar.lastYear) {
    throw new DomainError(ErrorCode.notFound, { year });
  }
  const entry = calendar.years.find((candidate) => candidate.year === year);
  const months = Array.from({ length: 12 }, (_, index) => {
    const month = index + 1;
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const days = Array.from({ length: daysInMonth }, (_, dayIndex) => {
      const date = `${year}-${String(month).padStart(2, '0')}-${String(dayIndex + 1).padStart(2, '0')}`;
      const epochDay = epochDayFromIsoDate(date);
      const status = getDayStatus(calendar, epochDay);
      const isDayOff =
        status === DayStatus.dayOff ||
        status === DayStatus.transferredDayOff ||
        (status === DayStatus.ordinary && isWeekend(epochDay));
      return { date, day: dayIndex + 1, isDayOff, listed: calendar.days.get(date) ?? null };
    });
    return { month, days };
  });
  return {
    year,
    firstYear: calendar.firstYear,
    lastYear: calendar.lastYear,
    days: listYearDays(calendar, year),
    sources: entry?.sources ?? [],
    notes: entry?.notes ?? [],
    months,
  };
}
