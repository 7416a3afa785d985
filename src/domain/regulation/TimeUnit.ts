import { z } from 'zod';

/**
 * Units in which the regulations state durations. "1 день" without a qualifier is encoded as
 * calendar days (the stricter reading for the office, which serves the applicant), with a
 * recorded resolution where it occurs.
 */
export const TimeUnit = z
  .enum(['minutes', 'hours', 'working_days', 'calendar_days', 'months'])
  .describe(
    'minutes | hours | working_days (рабочие дни / жұмыс күні) | calendar_days (календарные дни) | months (calendar months, e.g. the archive extension "до 6 мес.")',
  );
export type TimeUnit = z.infer<typeof TimeUnit>;
