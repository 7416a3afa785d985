import { z } from 'zod';
import { TrilingualText } from './TrilingualText.js';
import { Citation } from './Citation.js';

/**
 * A field of the application form with its format rules (ФЛК — форматно-логический контроль):
 * required or not, size ("ФЛК на размерность"), format ("Числовой" / "Символьный"), identification
 * number check digits, dates, choice lists.
 */
export const ApplicationField = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'rule fieldIdFormat: kebab-case')
      .describe(
        'Field id; the same id means the same field across services (checked for consistency)',
      ),
    label: TrilingualText,
    required: z.boolean().describe('Обязательно (true) / Необязательно (false)'),
    format: z
      .enum(['numeric', 'text', 'date', 'year', 'choice', 'front_office'])
      .describe(
        "numeric (Числовой: digits only) | text (Символьный) | date (YYYY-MM-DD, from 1900-01-01 to the day of submission unless `future`) | year (four digits, from 1900 to the year of submission unless `future`) | choice (one of `choices`) | front_office (one of the front offices of the provider's region, chosen from a list: its id or its name and address)",
      ),
    future: z
      .boolean()
      .optional()
      .describe('A date or year field that may lie after the day of submission (default: not)'),
    length: z
      .object({
        max: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('At most this many characters (ФЛК на размерность)'),
        exact: z.number().int().positive().optional().describe('Exactly this many characters'),
      })
      .strict()
      .optional(),
    checkDigits: z
      .enum(['iin', 'bin', 'iin_or_bin'])
      .optional()
      .describe('Validate the 12-digit ИИН/БИН check digit'),
    choices: z
      .array(
        z
          .object({
            value: z.string().min(1).describe('Stored value'),
            label: TrilingualText,
          })
          .strict(),
      )
      .optional()
      .describe('Allowed values of a choice field'),
    source: Citation,
  })
  .strict()
  .superRefine(function choiceFieldHasChoices(field, context) {
    if (field.format === 'choice' && !field.choices?.length) {
      context.addIssue({
        code: 'custom',
        path: ['choices'],
        message: `rule choiceFieldHasChoices: choice field "${field.id}" needs a non-empty choices list`,
      });
    }
  })
  .superRefine(function checkDigitsNeedTwelveDigits(field, context) {
    if (field.checkDigits && (field.format !== 'numeric' || field.length?.exact !== 12)) {
      context.addIssue({
        code: 'custom',
        path: ['checkDigits'],
        message: `rule checkDigitsNeedTwelveDigits: field "${field.id}" with IIN/BIN check must be numeric with exact length 12`,
      });
    }
  })
  .describe('An application field with ФЛК format rules and kk/ru/en labels');
export type ApplicationField = z.infer<typeof ApplicationField>;
