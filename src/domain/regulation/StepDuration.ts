import { z } from 'zod';
import { Duration } from './Duration.js';
import { TimeUnit } from './TimeUnit.js';

/**
 * How long a step may take: "не более N" (`amount` + `unit`), a range ("от 15 до 30 календарных
 * дней": `minimum` 15, `amount` 30) with an optional extension ("в исключительных случаях до 6 мес."),
 * or explicitly none, with the reason (e.g. the text gives only the total term).
 */
export const StepDuration = z
  .object({
    amount: z.number().positive().optional().describe('Maximum duration of the step, in `unit`'),
    unit: TimeUnit.optional(),
    minimum: z
      .number()
      .positive()
      .optional()
      .describe('Lower bound of a range ("от 15 до 30"), same unit; informative'),
    extendableTo: Duration.optional().describe(
      'Longest the step may take after an extension of the term (with notification)',
    ),
    none: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('Why the step has no duration of its own (instead of amount/unit)'),
  })
  .strict()
  .superRefine(function durationIsAmountOrNone(value, context) {
    const hasAmount = value.amount !== undefined || value.unit !== undefined;
    if (value.none !== undefined && hasAmount) {
      context.addIssue({
        code: 'custom',
        message: 'rule durationIsAmountOrNone: give either amount+unit or none, not both',
      });
    } else if (
      value.none === undefined &&
      (value.amount === undefined || value.unit === undefined)
    ) {
      context.addIssue({
        code: 'custom',
        message:
          'rule durationIsAmountOrNone: a step needs a duration {amount, unit} or {none: reason}',
      });
    }
    if (value.minimum !== undefined && value.amount !== undefined && value.minimum > value.amount) {
      context.addIssue({
        code: 'custom',
        path: ['minimum'],
        message: 'rule rangeIsOrdered: minimum must not exceed amount',
      });
    }
  })
  .describe('Duration of a step: {amount, unit[, minimum, extendableTo]} or {none: reason}');
export type StepDuration = z.infer<typeof StepDuration>;
