import type { z } from 'zod';
import { VocabularyCode } from './VocabularyCode.js';

/**
 * The issuer's territory: a region (облыс), a city of republican significance, or the country
 * (a national standard). Any code declared in `regulations/_vocabulary/regions.yaml`; the
 * checker refuses a definition whose region is not declared there or whose folder differs.
 */
export const RegionCode = VocabularyCode.describe(
  'Issuing region: a code of regulations/_vocabulary/regions.yaml, also the folder name under regulations/',
);
export type RegionCode = z.infer<typeof RegionCode>;
