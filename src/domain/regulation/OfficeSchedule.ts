import { z } from 'zod';
import { Channel } from './Channel.js';
import { Citation } from './Citation.js';

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'rule clockFormat: HH:MM')
  .describe('Time of day HH:MM (Astana time)');
const period = z
  .object({ from: clock, to: clock })
  .strict()
  .describe('A period of the day {from, to}');

/**
 * When a channel works (002, point 7): the provider office on weekdays with a lunch break, the
 * front office Monday to Saturday, the portal round the clock with after-hours applications
 * counted from the next working day. The calendar module turns this into working time.
 */
export const OfficeSchedule = z
  .object({
    channel: Channel,
    days: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .min(1)
      .describe('Days of the week the channel works'),
    roundTheClock: z.boolean().default(false).describe('Works 24 hours (the portal)'),
    hours: period.optional().describe('Opening hours, absent when round the clock'),
    breaks: z.array(period).default([]).describe('Breaks (lunch)'),
    acceptance: period
      .optional()
      .describe('Hours in which applications are accepted and results issued, when narrower'),
    closedOnHolidays: z.boolean().describe('Closed on public holidays and days off'),
    afterHoursNextWorkingDay: z
      .boolean()
      .default(false)
      .describe(
        'Applications after hours, on days off or holidays are accepted the next working day',
      ),
    source: Citation,
  })
  .strict()
  .superRefine(function hoursOrRoundTheClock(schedule, context) {
    if (schedule.roundTheClock === (schedule.hours !== undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['hours'],
        message: 'rule hoursOrRoundTheClock: give opening hours or roundTheClock: true, not both',
      });
    }
  })
  .describe('Working hours of a channel');
export type OfficeSchedule = z.infer<typeof OfficeSchedule>;
