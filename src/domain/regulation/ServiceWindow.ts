import { z } from 'zod';
import { BilingualText } from './BilingualText.js';
import { Citation } from './Citation.js';

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'rule monthDayFormat: MM-DD')
  .describe('Day of the year as MM-DD');

/**
 * A period of the year in which applications of some kind are accepted, e.g. admission to the
 * first grade from 1 June to 30 August (004, annex 3, point 5, item 3).
 */
export const ServiceWindow = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      .describe('Window id'),
    label: BilingualText,
    appliesWhen: z
      .object({
        field: z.string().min(1).describe('Application field id'),
        equals: z.array(z.string()).min(1).describe('Values of the field the window applies to'),
      })
      .strict()
      .describe('Which applications the window governs'),
    from: monthDay.optional().describe('First day (inclusive); absent: no lower bound'),
    until: monthDay.describe('Last day (inclusive)'),
    source: Citation,
  })
  .strict()
  .describe('Yearly window for accepting applications of a kind');
export type ServiceWindow = z.infer<typeof ServiceWindow>;
