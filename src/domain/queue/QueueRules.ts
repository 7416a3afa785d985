import { z } from 'zod';
import { TrilingualText } from '../regulation/TrilingualText.js';
import { VocabularyCode } from '../regulation/VocabularyCode.js';

/**
 * The queue categories, highest first (кезектен тыс құқық / право внеочередного получения места;
 * бірінші кезектегі құқық / первоочередное право; жалпы кезек / общая очередь).
 */
export const QueueCategory = z.enum(['extraordinary', 'primary', 'general']);
export type QueueCategory = z.infer<typeof QueueCategory>;

/** A legal or public source a rule rests on, declared once in the rules file and cited by id. */
export const QueueRuleSource = z
  .object({
    id: VocabularyCode.describe('How the rules cite this source'),
    title: z.string().trim().min(1).max(400).describe('The act or page as published'),
    text: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'The file under regulations/_vocabulary/sources/ holding the full text, when the project keeps it',
      ),
    note: z.string().trim().min(1).max(1000).optional().describe('What is known about it'),
  })
  .strict();
export type QueueRuleSource = z.infer<typeof QueueRuleSource>;

/** Where a rule comes from: a declared source and the point in it. */
export const QueueRuleCitation = z
  .object({
    source: VocabularyCode.describe('The id of a source declared in `sources`'),
    point: z.string().trim().min(1).max(300).describe('The point, article or section'),
  })
  .strict();
export type QueueRuleCitation = z.infer<typeof QueueRuleCitation>;

function cited<T extends z.ZodType>(value: T, description: string) {
  return z.object({ value, citation: QueueRuleCitation }).strict().describe(description);
}

const Days = z.number().int().min(1).max(366);

/** A day of the year, MM-DD (a Kazakhstan calendar day of every year). */
const MonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  .describe('A day of the year as MM-DD');

/**
 * A region's rules of the kindergarten queue as data (issue 19): every rule is a parameter with its
 * source, so a region changes a rule by editing its file, never the code. Parsed by
 * `defineQueueRules`, which refuses a file with an undeclared source or an impossible window.
 */
export const QueueRules = z
  .object({
    region: VocabularyCode.describe('The region (a code of regulations/_vocabulary/regions.yaml)'),
    service: VocabularyCode.describe('The service of the queue (services.yaml)'),
    sources: z.array(QueueRuleSource).min(1).max(50).describe('The sources the rules cite'),
    categories: z
      .array(
        z
          .object({
            code: QueueCategory,
            name: TrilingualText,
            who: TrilingualText.describe('Who has the right'),
            citation: QueueRuleCitation,
          })
          .strict(),
      )
      .length(3)
      .describe('The categories, highest first: extraordinary, primary, general'),
    alternation: cited(
      z
        .object({
          primary: z.number().int().min(1).max(20),
          general: z.number().int().min(0).max(20),
        })
        .strict(),
      'Primary-right referrals alternate with general ones: `primary` places, then `general` places, repeating',
    ),
    ageWindow: cited(
      z
        .object({
          fromYears: z.number().int().min(0).max(6),
          untilYears: z.number().int().min(1).max(8),
        })
        .strict(),
      'The queue moves from `fromYears` full years; a child leaves it at `untilYears`',
    ),
    offerWindowWorkingDays: cited(
      Days,
      'The priority-choice window of an offer, in working days, after which the place goes to the next child',
    ),
    referralValidityDays: cited(Days, 'How long a referral is valid, in calendar days'),
    referralExtendedDays: cited(
      Days,
      'How long a referral may be valid when extended at the parent request, in calendar days',
    ),
    privilegeConfirmationWorkingDays: cited(
      Days,
      'The working days to confirm a privilege by documents, else the child returns to the general queue',
    ),
    preferredKindergartens: cited(
      z.number().int().min(1).max(10),
      'How many kindergartens a parent may name',
    ),
    intakeRound: cited(
      z.object({ from: MonthDay, until: MonthDay }).strict(),
      'The yearly intake round: from `from` to `until` (MM-DD, both included) places published or freed wait, and the district education department allocates them in one batch run; outside it places are allocated as they are published. Absent: continuous allocation all year',
    ).optional(),
  })
  .strict()
  .superRefine(function categoriesInOrder(rules, context) {
    const order = rules.categories.map((category) => category.code).join(',');
    if (order !== QueueCategory.options.join(',')) {
      context.addIssue({
        code: 'custom',
        path: ['categories'],
        message: `rule categoriesInOrder: the categories are extraordinary, primary, general in this order, found ${order}`,
      });
    }
  })
  .superRefine(function citationsResolve(rules, context) {
    const ids = new Set(rules.sources.map((source) => source.id));
    const citations: [string, QueueRuleCitation][] = [
      ...rules.categories.map(
        (category, index) =>
          [`categories.${index}`, category.citation] as [string, QueueRuleCitation],
      ),
      ['alternation', rules.alternation.citation],
      ['ageWindow', rules.ageWindow.citation],
      ['offerWindowWorkingDays', rules.offerWindowWorkingDays.citation],
      ['referralValidityDays', rules.referralValidityDays.citation],
      ['referralExtendedDays', rules.referralExtendedDays.citation],
      ['privilegeConfirmationWorkingDays', rules.privilegeConfirmationWorkingDays.citation],
      ['preferredKindergartens', rules.preferredKindergartens.citation],
      ...(rules.intakeRound
        ? [['intakeRound', rules.intakeRound.citation] as [string, QueueRuleCitation]]
        : []),
    ];
    for (const [path, citation] of citations) {
      if (!ids.has(citation.source)) {
        context.addIssue({
          code: 'custom',
          path: [...path.split('.'), 'citation', 'source'],
          message: `rule citationsResolve: source "${citation.source}" is not declared in sources`,
        });
      }
    }
  })
  .superRefine(function windowsPossible(rules, context) {
    if (rules.ageWindow.value.fromYears >= rules.ageWindow.value.untilYears) {
      context.addIssue({
        code: 'custom',
        path: ['ageWindow', 'value'],
        message: 'rule windowsPossible: fromYears must be below untilYears',
      });
    }
    if (rules.intakeRound && rules.intakeRound.value.from > rules.intakeRound.value.until) {
      context.addIssue({
        code: 'custom',
        path: ['intakeRound', 'value'],
        message:
          'rule windowsPossible: the intake round must end in the year it starts (from ≤ until)',
      });
    }
    if (rules.referralExtendedDays.value < rules.referralValidityDays.value) {
      context.addIssue({
        code: 'custom',
        path: ['referralExtendedDays', 'value'],
        message: 'rule windowsPossible: an extended referral cannot be shorter than a fresh one',
      });
    }
  });
export type QueueRules = z.infer<typeof QueueRules>;

/** Parses a region's queue rules; throws a ZodError naming every broken rule. */
export function defineQueueRules(input: unknown): QueueRules {
  return Object.freeze(QueueRules.parse(input));
}
