import { z } from 'zod';
import { BilingualText } from './BilingualText.js';
import { Channel } from './Channel.js';
import { Citation } from './Citation.js';

/** A document the applicant must supply, possibly only under a condition or on some channels. */
export const RequiredDocument = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      .describe('Document id (kebab-case)'),
    title: BilingualText,
    requirement: z
      .enum(['always', 'conditional', 'one_of'])
      .describe(
        'always | conditional (only when `condition` holds) | one_of (any document of the same `group`)',
      ),
    condition: BilingualText.optional().describe(
      'When the document is required (conditional), in words',
    ),
    when: z
      .array(
        z
          .object({
            field: z.string().min(1).describe('Application field id'),
            equals: z.array(z.string()).min(1).describe('Values that make the document required'),
          })
          .strict(),
      )
      .optional()
      .describe('The same condition for the engine: required when any entry holds'),
    group: z.string().optional().describe('Alternatives share a group (one_of)'),
    channels: z
      .array(Channel)
      .optional()
      .describe('Channels on which it is required; all channels when absent'),
    obtainedByProvider: z
      .boolean()
      .default(false)
      .describe(
        'Data the operator or provider obtains from state systems, so the applicant need not bring it',
      ),
    source: Citation,
  })
  .strict()
  .superRefine(function conditionalHasCondition(document, context) {
    if (document.requirement === 'conditional' && !document.condition) {
      context.addIssue({
        code: 'custom',
        path: ['condition'],
        message: `rule conditionalHasCondition: conditional document "${document.id}" needs its condition`,
      });
    }
    if (document.requirement === 'one_of' && !document.group) {
      context.addIssue({
        code: 'custom',
        path: ['group'],
        message: `rule conditionalHasCondition: one_of document "${document.id}" needs a group`,
      });
    }
  })
  .describe('A required document with its condition');
export type RequiredDocument = z.infer<typeof RequiredDocument>;
