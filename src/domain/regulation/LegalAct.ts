import { z } from 'zod';
import { BilingualText } from './BilingualText.js';

const isoDate = z.iso.date().describe('Date YYYY-MM-DD');

/** An act: the akimat resolution approving a regulation, an amending or repealing act, a standard. */
export const LegalAct = z
  .object({
    kind: z
      .enum(['akimat_resolution', 'service_standard'])
      .describe('akimat_resolution (постановление акимата / әкімдік қаулысы) | service_standard'),
    issuer: BilingualText.describe('Who issued it'),
    number: z
      .string()
      .optional()
      .describe('Number of the act; absent only when the source does not give it'),
    date: isoDate
      .optional()
      .describe('Date of the act; absent only when the source does not give it'),
    justiceRegistration: z
      .object({ number: z.string(), date: isoDate })
      .strict()
      .optional()
      .describe('State registration with the justice department'),
  })
  .strict()
  .describe('A legal act (number, date, issuer)');
export type LegalAct = z.infer<typeof LegalAct>;
