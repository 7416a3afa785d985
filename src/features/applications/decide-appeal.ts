import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { findAppeal, recordAppealDecision } from '../../storage/appeal.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { requireAvailable } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';

export const AppealDecision = z.enum(['upheld', 'rejected']);
export type AppealDecision = z.infer<typeof AppealDecision>;

export const DecideAppealInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    appealId: z.uuid().describe('The appeal decided'),
    decision: AppealDecision.describe('upheld: the complaint is satisfied; rejected: refused'),
    answer: z
      .string()
      .trim()
      .min(10)
      .max(8000)
      .describe('The reasoned answer the applicant receives'),
  })
  .strict();
export type DecideAppealInput = z.input<typeof DecideAppealInput>;

/**
 * The provider's head decides an appeal against the provider's decision, action or inaction
 * (standard, section 3; Law "On public services", art. 25: reviewed within 5 working days of
 * its registration — the due is the appeal's own, set when it was filed). The reasoned answer
 * is kept with the appeal; the application's log records the decision and the applicant (and
 * representative) are notified. An appeal is decided once: a second decision is a conflict.
 */
export async function decideAppeal(
  services: ApplicationServices,
  principal: Principal,
  rawInput: DecideAppealInput,
) {
  const input = parseInput(DecideAppealInput, rawInput);
  return runCommand(services, principal, 'decide_appeal', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    const appeal = await findAppeal(trx, input.appealId);
    if (!appeal || appeal.application_id !== loaded.record.id) {
      throw new DomainError(ErrorCode.notFound, { appealId: input.appealId });
    }
    const isHead = principal.kind === 'staff' && principal.roles.includes(StaffRole.head);
    requireAvailable(loaded, principal, 'decide_appeal', isHead);
    if (principal.kind !== 'staff') throw new DomainError(ErrorCode.forbidden, {});
    const now = loaded.now;
    const decided = await recordAppealDecision(trx, appeal.id, {
      status: input.decision,
      answer: input.answer,
      decidedBy: principal.staffId,
      decidedAt: now,
    });
    if (!decided) {
      throw new DomainError(ErrorCode.conflict, {
        appealId: appeal.id,
        status: appeal.status,
        reason: 'appeal_already_decided',
      });
    }
    const next = await recordEvents(
      trx,
      engineTargetOf(loaded),
      {
        kind: 'staff',
        userId: principal.staffId,
        role: StaffRole.head,
        organisationId: principal.organisationId,
      },
      [{ type: 'appeal_decided', appealId: appeal.id, decision: input.decision }],
      now,
    );
    return {
      applicationId: loaded.record.id,
      response: {
        appealId: appeal.id,
        applicationId: loaded.record.id,
        decision: input.decision,
        decidedAt: now.toISOString(),
        isOnTime: now.getTime() <= appeal.due_at.getTime(),
        version: next.version,
      },
    };
  });
}
