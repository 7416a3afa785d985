import { z } from 'zod';
import { Citation } from './Citation.js';
import { DefectKind } from './DefectKind.js';

/**
 * A defect of the source text and how this definition resolves it. Defects that are not resolved,
 * or that remain visible after the resolution (`remains`), are reported by the checker as warnings.
 */
export const SourceDefect = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      .describe('Defect id (kebab-case)'),
    kind: DefectKind,
    description: z.string().min(1).describe('What is wrong in the text (English)'),
    quote: z.string().optional().describe('The defective wording, verbatim'),
    citation: Citation,
    resolution: z
      .object({
        text: z.string().min(1).describe('How this definition reads the text, and why (English)'),
        citation: Citation.optional().describe('The point the resolution relies on'),
      })
      .strict()
      .optional()
      .describe('The reading encoded here; prefer the one that serves the applicant'),
    remains: z
      .boolean()
      .default(false)
      .describe(
        'True when the defect still shows in the definition (e.g. two channels with different terms)',
      ),
  })
  .strict()
  .describe('A defect of the source text with its resolution');
export type SourceDefect = z.infer<typeof SourceDefect>;
