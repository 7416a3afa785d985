import { z } from 'zod';
import { TrilingualText } from './TrilingualText.js';

/**
 * A kind of organisation that provides services (услугодатель) or stands above them: what a
 * regulation's `providerKinds` and an organisation's `kind` name. Codes use underscores
 * (`district_akimat`) because stored organisations already spell them so.
 */
export const ProviderKind = z
  .object({
    code: z
      .string()
      .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'rule codeFormat: lower case with underscores')
      .max(80)
      .describe('Stable code, e.g. district_education_department'),
    name: TrilingualText.describe('Name as a citizen reads it'),
  })
  .strict()
  .describe('A kind of providing organisation');
export type ProviderKind = z.infer<typeof ProviderKind>;
