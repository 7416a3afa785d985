import { z } from 'zod';
import { Channel } from './Channel.js';
import { Citation } from './Citation.js';
import { Duration } from './Duration.js';

/** The total term of the service for one or more channels, and how it is counted. */
export const TotalTerm = z
  .object({
    channels: z.array(Channel).min(1).describe('Channels this term applies to'),
    duration: Duration.describe('Maximum total term'),
    minimum: z.number().positive().optional().describe('Lower bound when the text gives a range'),
    basis: z
      .enum(['stated', 'sum_of_steps', 'assumed'])
      .describe(
        'stated: the text states the total (quote it); sum_of_steps: the text gives only step durations and the total is exactly their sum along every path; assumed: neither (rounded, borrowed or read into the text), with the defect that records why (`defect`)',
      ),
    countsAcceptanceDay: z
      .boolean()
      .describe('Whether the day of acceptance counts ("день приема не входит в срок": false)'),
    countsIssueDay: z.boolean().describe('Whether the day of issue counts'),
    afterHoursStartsNextWorkingDay: z
      .boolean()
      .default(false)
      .describe(
        'Portal applications after hours, on weekends or holidays count from the next working day',
      ),
    extension: z
      .object({
        allowed: z.boolean().describe('Whether the term may be extended'),
        maximum: Duration.optional().describe('Longest total term after extension'),
        notifyApplicant: z.boolean().describe('Whether the applicant is notified of the extension'),
      })
      .strict()
      .default({ allowed: false, notifyApplicant: false })
      .describe('Extension of the term ("продление срока")'),
    frontOfficeDeliveryLead: Duration.optional().describe(
      'The provider delivers the result to the front office this long before the deadline ("не позднее чем за сутки")',
    ),
    source: Citation,
    quote: z
      .string()
      .min(1)
      .optional()
      .describe('The words of the source that state the total (required when basis is stated)'),
    defect: z
      .string()
      .optional()
      .describe(
        'Id of the defect (in `defects`) that records why the total is assumed or why the steps overrun it',
      ),
    note: z.string().optional().describe('How the term was derived, for developers'),
  })
  .strict()
  .superRefine(function termBasisIsShown(term, context) {
    if (term.basis === 'stated' && !term.quote) {
      context.addIssue({
        code: 'custom',
        path: ['quote'],
        message: 'rule statedTermQuotes: a stated term quotes the words that state it',
      });
    }
    if (term.basis === 'assumed' && !term.defect) {
      context.addIssue({
        code: 'custom',
        path: ['defect'],
        message: 'rule assumedTermNamesDefect: an assumed term names the defect that records why',
      });
    }
  })
  .superRefine(function extensionHasMaximum(term, context) {
    if (term.extension.allowed && !term.extension.maximum) {
      context.addIssue({
        code: 'custom',
        path: ['extension', 'maximum'],
        message: 'rule extensionHasMaximum: an allowed extension needs its maximum',
      });
    }
  })
  .describe('Total term {duration, unit} per channel with counting rules and extension');
export type TotalTerm = z.infer<typeof TotalTerm>;
