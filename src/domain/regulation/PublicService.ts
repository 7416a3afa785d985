import { z } from 'zod';
import { BilingualText } from './BilingualText.js';
import { SourceId } from './SourceId.js';
import { TrilingualText } from './TrilingualText.js';
import { VocabularyCode } from './VocabularyCode.js';

/**
 * A public service of the catalogue (государственная услуга), the same in every region: what a
 * regulation's `service` names. Its regional regulations and national standard are versions of it.
 */
export const PublicService = z
  .object({
    code: VocabularyCode.describe('Stable code, e.g. library-card'),
    name: TrilingualText.describe('Short name as the catalogue shows it'),
    area: VocabularyCode.describe('Code of an area declared under `areas` in the same file'),
    sensitive: z
      .boolean()
      .default(false)
      .describe(
        'Applying reveals a sensitive status of the applicant (unemployment, a disability, …): public pages that anyone with a number could open (the status lookup) never name the service or its steps',
      ),
    standard: z
      .object({
        title: BilingualText.describe('The national standard as the regulations name it'),
        source: SourceId.optional().describe('The standard as a declared source, when it is one'),
      })
      .strict()
      .optional()
      .describe('The national standard of the service (стандарт государственной услуги)'),
  })
  .strict()
  .describe('A public service of the catalogue');
export type PublicService = z.infer<typeof PublicService>;
