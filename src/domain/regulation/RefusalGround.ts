import { z } from 'zod';
import { BilingualText } from './BilingualText.js';
import { Citation } from './Citation.js';

/** A ground for refusing: at intake (refusal receipt), at review (reasoned refusal), or before registration. */
export const RefusalGround = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      .describe('Ground id (kebab-case)'),
    stage: z
      .enum(['intake', 'review', 'authorisation', 'signature', 'registry'])
      .describe(
        'intake (расписка об отказе) | review (мотивированный отказ) | authorisation | signature | registry (no data)',
      ),
    text: BilingualText,
    source: Citation,
  })
  .strict()
  .describe('A ground for refusal and the stage where it applies');
export type RefusalGround = z.infer<typeof RefusalGround>;
