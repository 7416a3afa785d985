import { z } from 'zod';
import { BilingualText } from './BilingualText.js';
import { SourceId } from './SourceId.js';

const isoDate = z.iso.date().describe('Date YYYY-MM-DD');

/**
 * A legal source that definitions cite: an akimat resolution approving regulations, a service
 * standard, an order. Declared once in `regulations/_vocabulary/sources.yaml`; every citation
 * names it by `id`. The full text, when kept, is a UTF-8 file beside the vocabulary.
 */
export const LegalSource = z
  .object({
    id: SourceId,
    kind: z
      .enum([
        'akimat_resolution',
        'service_standard',
        'ministerial_order',
        'government_resolution',
        'law',
      ])
      .describe(
        'akimat_resolution (постановление акимата) | service_standard (стандарт государственной услуги) | ministerial_order (приказ министра) | government_resolution (постановление Правительства) | law',
      ),
    title: BilingualText.describe('Title of the act'),
    issuer: BilingualText.describe('Who issued it'),
    number: z
      .string()
      .optional()
      .describe('Number of the act; absent when the text does not give it'),
    date: isoDate.optional().describe('Date of the act; absent when the text does not give it'),
    justiceRegistration: z
      .object({ number: z.string(), date: isoDate })
      .strict()
      .optional()
      .describe('State registration with the justice department'),
    repealed: z
      .object({ number: z.string().optional(), date: isoDate })
      .strict()
      .optional()
      .describe('The act that repealed it (number, date)'),
    url: z.url().optional().describe('Where the official text is published (e.g. adilet.zan.kz)'),
    text: z
      .string()
      .regex(/^[a-z0-9][a-z0-9./-]*\.txt$/, 'rule textPath: a relative path to a .txt file')
      .refine((file) => !file.split('/').includes('..'), 'rule textPath: no ".." in the path')
      .optional()
      .describe('The full text, a UTF-8 file relative to regulations/_vocabulary/'),
    languages: z
      .array(z.enum(['kk', 'ru']))
      .min(1)
      .optional()
      .describe('Languages of the kept text'),
    note: z.string().optional().describe('What the text is (an annex, an extract) and its gaps'),
  })
  .strict()
  .describe('A declared legal source');
export type LegalSource = z.infer<typeof LegalSource>;
