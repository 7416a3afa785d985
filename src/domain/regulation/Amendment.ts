import { z } from 'zod';

const isoDate = z.iso.date().describe('Date YYYY-MM-DD');

/** An amendment incorporated into this version ("Сноска. Пункт 1 с изменением…"). */
export const Amendment = z
  .object({
    number: z.string().min(1).describe('Number of the amending act'),
    date: isoDate.describe('Date of the amending act'),
    points: z
      .array(z.string())
      .min(1)
      .describe('Points of the regulation it changed, e.g. ["1", "3", "annex 2"]'),
    effect: z.string().optional().describe('What it changed (English)'),
  })
  .strict()
  .describe('An incorporated amendment: act number, date, changed points');
export type Amendment = z.infer<typeof Amendment>;
