import type { z } from 'zod';
import { VocabularyCode } from './VocabularyCode.js';

/**
 * A legal source declared in `regulations/_vocabulary/sources.yaml` (an akimat resolution, a
 * service standard, an order): what a citation names. The checker refuses an undeclared one.
 */
export const SourceId = VocabularyCode.describe(
  'Id of a legal source declared in regulations/_vocabulary/sources.yaml, e.g. akimat-2016-285',
);
export type SourceId = z.infer<typeof SourceId>;
