import { z } from 'zod';
import { listAvailableCommands } from '../../domain/application/available-commands.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { supersedeDrafts } from '../../storage/prepared-document.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { conflictDetails } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';

/** The longest comment a head may write when returning a draft. */
export const returnDraftCommentMaxLength = 2000;

export const ReturnDraftInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    expectedVersion: z.number().int().positive().optional().describe('The version the user saw'),
    comment: z
      .string()
      .trim()
      .min(3)
      .max(returnDraftCommentMaxLength)
      .describe('What the executor is to change (shown to them)'),
  })
  .strict();

/**
 * The head returns the draft waiting for their signature to the executor (issue 18, point 7):
 * allowed when `listAvailableCommands` offers `return_draft` — the current step is the head's
 * signing step and an executor drafted what waits there —; the application goes back to the
 * executor's step the draft was drafted from (the domain's `draftedFrom`), its due counted anew
 * from now, the draft is set aside (it can no longer be signed), and the event `draft_returned`
 * carries the comment the executor reads on the application's page. One transaction: the event,
 * its audit row (`application.draft_returned`) and the superseded draft together.
 */
export async function returnDraft(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof ReturnDraftInput>,
) {
  const input = parseInput(ReturnDraftInput, rawInput);
  return runCommand(services, principal, 'return_draft', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    const { state, regulation, record } = loaded;
    const available = listAvailableCommands(state, regulation, principal, record.regionCode);
    const command = available.find((candidate) => candidate.kind === 'return_draft');
    if (command?.kind !== 'return_draft' || principal.kind !== 'staff') {
      const isOwnSide =
        principal.kind === 'staff' &&
        principal.organisationId === state.providerOrganisationId &&
        principal.roles.includes(StaffRole.head);
      throw new DomainError(isOwnSide ? ErrorCode.conflict : ErrorCode.forbidden, {
        ...conflictDetails(state, available),
        reason: 'no_draft_to_return',
      });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== state.version) {
      throw new DomainError(ErrorCode.conflict, {
        ...conflictDetails(state, available),
        reason: 'stale_version',
      });
    }
    await supersedeDrafts(trx, record.id);
    const role = principal.roles.includes(StaffRole.head) ? StaffRole.head : principal.roles[0]!;
    const after = await recordEvents(
      trx,
      engineTargetOf(loaded),
      { kind: 'staff', userId: principal.staffId, role, organisationId: principal.organisationId },
      [{ type: 'draft_returned', stepId: command.toStepId, comment: input.comment }],
      loaded.now,
    );
    return {
      applicationId: record.id,
      response: {
        applicationId: record.id,
        status: after.status,
        currentStepId: after.currentStepId ?? null,
        version: after.version,
      },
    };
  });
}
