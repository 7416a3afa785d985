import { z } from 'zod';
import { getTerm } from '../../domain/application/fold.js';
import { addRegulationDuration } from '../../domain/application/term-arithmetic.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { Duration } from '../../domain/regulation/Duration.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { changeTerm } from './change-term.js';

export const ExtendTermInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    reason: z
      .string()
      .trim()
      .min(3)
      .max(2000)
      .describe('Why the term is extended; the applicant is told'),
    by: Duration.describe('How much term is added'),
  })
  .strict();
export type ExtendTermInput = z.input<typeof ExtendTermInput>;

/**
 * Extends the term of an application (продление срока) by the provider's head, with a reason,
 * within the maximum the regulation allows — e.g. archive certificates "в исключительных
 * случаях ... до 6 месяцев" (seed 003) — counted from submission. The applicant is notified.
 */
export async function extendTerm(
  services: ApplicationServices,
  principal: Principal,
  rawInput: ExtendTermInput,
) {
  const input = parseInput(ExtendTermInput, rawInput);
  return changeTerm(services, principal, input, 'extend_term', ({ state, regulation, clock }) => {
    const term = getTerm(regulation, state.channel);
    const maximum = term.extension.maximum!;
    const extended = addRegulationDuration(clock.provider, state.dueAt, input.by, {
      afterHoursCountsFromNextWorkingDay: false,
      suspensions: state.suspensions,
    });
    const limit = addRegulationDuration(clock.provider, state.submittedAt, maximum, {
      excludeStartDay: !term.countsAcceptanceDay,
      suspensions: state.suspensions,
    });
    if (extended > limit) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [
          {
            path: 'by',
            rule: 'extension_beyond_maximum',
            params: {
              maximum: `${maximum.amount} ${maximum.unit}`,
              limit: new Date(limit).toISOString(),
            },
          },
        ],
      });
    }
    return { type: 'term_extended', reason: input.reason, by: input.by };
  });
}
