import { z } from 'zod';

const timeOfDayPattern = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** A local time of day 'HH:MM' (24:00 allowed as the end of a day). */
export const TimeOfDay = z
  .string()
  .regex(timeOfDayPattern, 'expected HH:MM')
  .refine((text) => minutesOfTimeOfDay(text) <= 24 * 60, 'after 24:00')
  .describe('Local time of day, HH:MM');
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/** Minutes after midnight of an 'HH:MM' time. */
export function minutesOfTimeOfDay(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

/** A half-open interval of local time [from, to) within one day. */
export const TimeInterval = z
  .object({ from: TimeOfDay, to: TimeOfDay })
  .strict()
  .refine((interval) => minutesOfTimeOfDay(interval.from) < minutesOfTimeOfDay(interval.to), {
    message: 'an interval ends after it starts',
  });
export type TimeInterval = z.infer<typeof TimeInterval>;

const DayHours = z
  .array(TimeInterval)
  .max(6)
  .superRefine((intervals, context) => {
    for (let index = 1; index < intervals.length; index += 1) {
      const previous = intervals[index - 1];
      const current = intervals[index];
      if (
        previous &&
        current &&
        minutesOfTimeOfDay(current.from) < minutesOfTimeOfDay(previous.to)
      ) {
        context.addIssue({
          code: 'custom',
          path: [index],
          message: 'intervals must be in order and not overlap',
        });
      }
    }
  })
  .describe('Working intervals of the day in order; a gap is a break (lunch); empty = closed');

/** Hours for each weekday. */
export const WeekHours = z
  .object({
    monday: DayHours,
    tuesday: DayHours,
    wednesday: DayHours,
    thursday: DayHours,
    friday: DayHours,
    saturday: DayHours,
    sunday: DayHours,
  })
  .strict();
export type WeekHours = z.infer<typeof WeekHours>;

/**
 * A working schedule of an office: the working time that deadlines are counted in.
 * An organisation record may hold a custom one; the three kinds of the regulations are
 * `providerOfficeSchedule`, `frontOfficeSchedule` and `portalSchedule`.
 */
export const Schedule = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe('Stable key, e.g. provider-office'),
    name: z
      .object({ kk: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) })
      .strict()
      .describe('Name shown to people'),
    workingHours: WeekHours.describe(
      'Working time per weekday; deadlines in minutes, hours and working days count only this time',
    ),
    intakeHours: WeekHours.optional().describe(
      'When applications are accepted and results issued, if narrower than the working hours (standard-education-duplicates, p. 7: 9:00–17:30)',
    ),
    closedOnHolidays: z
      .boolean()
      .describe(
        'Closed on holidays, religious days off and substitute days off of the production calendar',
      ),
    followsTransfers: z
      .boolean()
      .describe(
        'Follows the transfers of days of rest (five-day week): transferred days off are closed and transferred working Saturdays/Sundays are open with the hours of the weekday they replace',
      ),
    acceptsAroundTheClock: z
      .boolean()
      .describe(
        'Applications arrive at any time (portal); one arriving outside working hours, on a weekend or a holiday counts from the next working day (standard-education-duplicates, p. 7, item 3)',
      ),
  })
  .strict();
export type Schedule = z.infer<typeof Schedule>;

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const fill = (
  weekdayHours: TimeInterval[],
  saturday: TimeInterval[] = [],
  sunday: TimeInterval[] = [],
): WeekHours => ({
  ...(Object.fromEntries(weekdays.map((day) => [day, weekdayHours])) as Record<
    (typeof weekdays)[number],
    TimeInterval[]
  >),
  saturday,
  sunday,
});

/**
 * Provider's office (канцелярия услугодателя): Monday–Friday 9:00–18:30, lunch 13:00–14:30,
 * except days off and holidays; applications accepted and results issued 9:00–17:30 with the
 * same lunch (standard-education-duplicates, p. 7, item 1).
 */
export const providerOfficeSchedule: Schedule = Schedule.parse({
  id: 'provider-office',
  name: {
    kk: 'Көрсетілетін қызметті берушінің кеңсесі',
    ru: 'Канцелярия услугодателя',
    en: "Provider's office",
  },
  workingHours: fill([
    { from: '09:00', to: '13:00' },
    { from: '14:30', to: '18:30' },
  ]),
  intakeHours: fill([
    { from: '09:00', to: '13:00' },
    { from: '14:30', to: '17:30' },
  ]),
  closedOnHolidays: true,
  followsTransfers: true,
  acceptsAroundTheClock: false,
});

/**
 * Front office of the Government Corporation (ЦОН): Monday–Saturday 9:00–20:00 without lunch,
 * except Sundays and holidays (standard-education-duplicates, p. 7, item 2). A six-day week: transfers of days of
 * rest, which are made for the five-day week, do not apply.
 */
export const frontOfficeSchedule: Schedule = Schedule.parse({
  id: 'front-office',
  name: {
    kk: '«Азаматтарға арналған үкімет» мемлекеттік корпорациясы',
    ru: 'Государственная корпорация «Правительство для граждан»',
    en: 'Front office (Government for Citizens)',
  },
  workingHours: fill([{ from: '09:00', to: '20:00' }], [{ from: '09:00', to: '20:00' }]),
  closedOnHolidays: true,
  followsTransfers: false,
  acceptsAroundTheClock: false,
});

/**
 * Portal (egov.kz): accepts applications around the clock; the provider processes them in its
 * working time, so the term is counted in the provider office's hours, and an application made
 * after working hours, on a weekend or a holiday counts from the next working day (standard-education-duplicates, p. 7, item 3).
 */
export const portalSchedule: Schedule = Schedule.parse({
  ...providerOfficeSchedule,
  id: 'portal',
  name: { kk: 'Портал', ru: 'Портал', en: 'Portal' },
  intakeHours: undefined,
  acceptsAroundTheClock: true,
});

/** The three schedules of the regulations by key. */
export const standardSchedules = {
  'provider-office': providerOfficeSchedule,
  'front-office': frontOfficeSchedule,
  portal: portalSchedule,
} as const;
export type StandardScheduleId = keyof typeof standardSchedules;
