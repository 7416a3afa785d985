import { z } from 'zod';
import { TrilingualText } from './TrilingualText.js';
import { VocabularyCode } from './VocabularyCode.js';

/** An area of public administration the catalogue groups services by (education, archives, …). */
export const ServiceArea = z
  .object({
    code: VocabularyCode.describe('Stable code, e.g. education'),
    name: TrilingualText.describe('Heading of the group on the portal'),
  })
  .strict()
  .describe('An area the service catalogue groups services by');
export type ServiceArea = z.infer<typeof ServiceArea>;
