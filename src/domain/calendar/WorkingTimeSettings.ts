import { z } from 'zod';
import { Schedule, standardSchedules, type StandardScheduleId } from './Schedule.js';
import { isKnownTimeZone } from './time-zone.js';

/**
 * What an organisation record stores to count its deadlines: a standard schedule by key or a
 * custom `Schedule`, and its IANA time zone (each region's is declared in regulations/_vocabulary/regions.yaml).
 */
export const WorkingTimeSettings = z
  .object({
    schedule: z
      .union([z.enum(['provider-office', 'front-office', 'portal']), Schedule])
      .describe(
        "A standard schedule key (standard-education-duplicates, p. 7) or the organisation's own schedule",
      ),
    timeZone: z
      .string()
      .refine(isKnownTimeZone, { message: 'unknown IANA time zone' })
      .describe('IANA zone, e.g. Asia/Almaty, Asia/Qostanay, Asia/Aqtobe, Asia/Oral'),
  })
  .strict();
export type WorkingTimeSettings = z.infer<typeof WorkingTimeSettings>;

/** The schedule the settings name (the standard one for a key). */
export function scheduleOfSettings(settings: WorkingTimeSettings): Schedule {
  return typeof settings.schedule === 'string'
    ? standardSchedules[settings.schedule as StandardScheduleId]
    : settings.schedule;
}
