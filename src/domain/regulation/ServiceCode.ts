import type { z } from 'zod';
import { VocabularyCode } from './VocabularyCode.js';

/**
 * A public service, stable across regions and versions: any code declared in
 * `regulations/_vocabulary/services.yaml` (the checker refuses an undeclared one).
 */
export const ServiceCode = VocabularyCode.describe(
  'Service code, the same in every region: a code of regulations/_vocabulary/services.yaml',
);
export type ServiceCode = z.infer<typeof ServiceCode>;
