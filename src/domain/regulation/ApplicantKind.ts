import { z } from 'zod';

/** Who may apply. */
export const ApplicantKind = z
  .enum([
    /** физическое лицо (ИИН) */
    'individual',
    /** юридическое лицо (БИН) — where the text says ИИН/БИН */
    'legal_entity',
    /** представитель по нотариально удостоверенной доверенности */
    'representative',
  ])
  .describe('individual (ИИН) | legal_entity (БИН) | representative (notarised power of attorney)');
export type ApplicantKind = z.infer<typeof ApplicantKind>;
