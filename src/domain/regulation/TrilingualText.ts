import { z } from 'zod';

/** A name in all three interface languages (services, fields). */
export const TrilingualText = z
  .object({
    kk: z.string().trim().min(1).describe('Kazakh name'),
    ru: z.string().trim().min(1).describe('Russian name'),
    en: z.string().trim().min(1).describe('English name'),
  })
  .strict()
  .describe('A name in Kazakh, Russian and English (all required)');
export type TrilingualText = z.infer<typeof TrilingualText>;
