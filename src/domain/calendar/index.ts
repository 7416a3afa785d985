// Working calendar and deadline arithmetic for Kazakhstan (issue 4). Pure: the calendar data,
// the schedule and "now" are passed in. See docs/calendar.md.
export {
  Weekday,
  epochDayFromIsoDate,
  isoDateFromEpochDay,
  isIsoDate,
  isWeekend,
  weekdayOfEpochDay,
} from './civil-date.js';
export {
  CalendarDay,
  CalendarDayKind,
  HolidayId,
  IsoDate,
  LegalSource,
  LegalSourceKind,
  ProductionCalendarYear,
} from './ProductionCalendarYear.js';
export {
  DayStatus,
  buildProductionCalendar,
  checkProductionCalendar,
  getDayStatus,
  listYearDays,
  type CalendarIssue,
  type CheckOptions,
  type ProductionCalendar,
} from './production-calendar.js';
export {
  Schedule,
  TimeInterval,
  TimeOfDay,
  WeekHours,
  frontOfficeSchedule,
  portalSchedule,
  providerOfficeSchedule,
  standardSchedules,
  type StandardScheduleId,
} from './Schedule.js';
export { WorkingTimeSettings, scheduleOfSettings } from './WorkingTimeSettings.js';
export { Duration, DurationUnit, findDuration, formatDuration } from './Duration.js';
export { isKnownTimeZone, offsetMinutesAt } from './time-zone.js';
export {
  createWorkingTime,
  getWorkingTime,
  isWorkingDayIndex,
  workingTimeAt,
  type WorkingTime,
  type WorkingTimeInput,
} from './working-time.js';
export {
  addDuration,
  elapsedWorkingTime,
  extendDue,
  isWithinIntakeHours,
  isWithinWorkingHours,
  latestDeliveryToFrontOffice,
  latestWorkingInstantAtOrBefore,
  nextWorkingInstant,
  type AddDurationOptions,
  type InstantInterval,
} from './arithmetic.js';
export {
  findInstantOfLocalDateTime,
  formatInstant,
  getInstantOfLocalDateTime,
} from './local-time.js';
export { defaultTimeZone, formatLocalDate, formatLocalDateTime } from './format-local-time.js';
