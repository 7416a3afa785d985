import { z } from 'zod';
import { BilingualText } from './BilingualText.js';
import { Channel } from './Channel.js';
import { Citation } from './Citation.js';
import { DocumentKind } from './DocumentKind.js';

/** A document the service issues (result, refusal, receipt, interim slip) with its fields. */
export const ResultDocument = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      .describe('Document id (kebab-case)'),
    kind: DocumentKind,
    title: BilingualText,
    forms: z
      .array(z.enum(['electronic', 'paper']))
      .min(1)
      .describe('electronic (signed by ЭЦП) and/or paper'),
    channels: z.array(Channel).optional().describe('Channels that issue it; all when absent'),
    fields: z
      .array(
        z
          .object({
            id: z
              .string()
              .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
              .describe('Field id'),
            label: BilingualText,
            format: z
              .enum(['text', 'year', 'date'])
              .optional()
              .describe(
                'text (the default) | year (four digits, 1900 to the year of the draft) | date (YYYY-MM-DD, 01.01.1900 to the day of the draft): the official types it and the draft is refused otherwise',
              ),
            prefill: z
              .enum(['applicant_name'])
              .optional()
              .describe(
                "applicant_name: the official's form starts with the applicant's full name as the person registry (ГБД ФЛ) knows it",
              ),
          })
          .strict(),
      )
      .default([])
      .describe('What the document states'),
    source: Citation,
  })
  .strict()
  .describe('A document issued by the service, with kk/ru title and fields');
export type ResultDocument = z.infer<typeof ResultDocument>;
