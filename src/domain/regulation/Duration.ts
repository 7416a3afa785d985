import { z } from 'zod';
import { TimeUnit } from './TimeUnit.js';

/** An amount of time in one unit, e.g. 13 working days. */
export const Duration = z
  .object({
    amount: z.number().positive().describe('How many units (positive)'),
    unit: TimeUnit,
  })
  .strict()
  .describe('An amount of time: {amount, unit}');
export type Duration = z.infer<typeof Duration>;
