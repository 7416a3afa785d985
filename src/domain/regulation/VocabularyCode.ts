import { z } from 'zod';

/**
 * A code declared in a vocabulary file (a region, a service, an area, a provider kind, a legal
 * source): lower case, digits and single hyphens, e.g. `north-region`, `library-card`.
 * Codes are stable: a definition, an organisation and every stored application refer to them.
 */
export const VocabularyCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
    'rule codeFormat: lower-case letters, digits and single hyphens, e.g. north-region',
  )
  .max(80)
  .describe('A code declared in a vocabulary file under regulations/_vocabulary/');
export type VocabularyCode = z.infer<typeof VocabularyCode>;
