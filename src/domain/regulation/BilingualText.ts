import { z } from 'zod';

/**
 * A text of a regulation in both official languages (Kazakh and Russian), English optional.
 * Where the source is in one language only, the other is a translation made for this project;
 * the step's `quote` keeps the original wording.
 */
export const BilingualText = z
  .object({
    kk: z.string().trim().min(1).describe('Kazakh text (мемлекеттік тіл); required'),
    ru: z.string().trim().min(1).describe('Russian text; required'),
    en: z.string().trim().min(1).optional().describe('English text for developers; optional'),
  })
  .strict()
  .describe('A text in Kazakh and Russian (both required), English optional');
export type BilingualText = z.infer<typeof BilingualText>;
