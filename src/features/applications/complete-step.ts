import { z } from 'zod';
import { listAvailableCommands } from '../../domain/application/available-commands.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import type { RegistryLookupRecord } from '../../domain/application/ApplicationEvent.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole, staffRoleForActor } from '../../domain/shared/roles.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { conflictDetails } from '../../engine/conflict.js';
import { runCommand } from '../../engine/run-command.js';

export const CompleteStepInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    stepId: z.string().min(1).describe('The step being completed: must be the current one'),
    expectedVersion: z.number().int().positive().optional().describe('The version the user saw'),
    answer: z.boolean().optional().describe("The answer to the step's question, when it decides"),
    executorId: z
      .string()
      .min(1)
      .optional()
      .describe('assign_executor: the staff account appointed'),
    note: z.string().max(4000).optional(),
    documentIds: z.array(z.string().min(1)).max(20).default([]),
  })
  .strict();
export type CompleteStepInput = z.input<typeof CompleteStepInput>;

/**
 * Completes the current step of an application: registration, resolution and assignment,
 * review (answering its question), drafting, signing, issue, courier hand-over, the applicant's
 * answer to an offer… — whatever the regulation's step is, by whoever the regulation names in
 * the organisation that holds the application. Then the automatic steps that follow run.
 * A signing step (sign_result) is refused with `signed_document_required`: it is done by
 * prepareResultDocument and signPreparedDocument, which store the signed document; the
 * front-office operator's sign_request with `signed_request_required`: it is done by
 * signElectronicRequest.
 */
export async function completeStep(
  services: ApplicationServices,
  principal: Principal,
  rawInput: CompleteStepInput,
  /** Recorded with the step by the engine itself (never from a request): a lookup's answers. */
  recorded: { readonly lookup?: readonly RegistryLookupRecord[] } = {},
): Promise<{ [key: string]: string | number | null }> {
  const input = parseInput(CompleteStepInput, rawInput);
  return runCommand(services, principal, 'complete_step', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    const { state, regulation } = loaded;
    const available = listAvailableCommands(state, regulation, principal, loaded.record.regionCode);
    const command = available.find(
      (candidate) =>
        (candidate.kind === 'complete_step' ||
          candidate.kind === 'sign_document' ||
          candidate.kind === 'sign_request') &&
        candidate.stepId === input.stepId,
    );
    if (command?.kind === 'sign_request') {
      // The operator sends the request "удостоверенный ЭЦП работника Государственной
      // корпорации" (seed 000, annex 1, point 9, item 7; seed 003, annex 2, point 7, item 5):
      // the step is done only by signing the electronic request, never by a bare completion.
      throw new DomainError(ErrorCode.signedRequestRequired, {
        ...conflictDetails(state, available),
        reason: 'signed_request_required',
        request: `GET /api/v1/applications/${loaded.record.id}/front-office-request`,
        sign: `POST /api/v1/applications/${loaded.record.id}/front-office-request/sign`,
      });
    }
    if (command?.kind === 'sign_document') {
      // The head (or the regulation's signer) signs the result "в т.ч. ЭЦП" (ActionKind
      // sign_result): the step is done only with the signed document, never by a bare
      // completion (seed 001, extern, point 6, item 8).
      throw new DomainError(ErrorCode.signedDocumentRequired, {
        ...conflictDetails(state, available),
        reason: 'signed_document_required',
        prepare: `POST /api/v1/applications/${loaded.record.id}/documents/prepare`,
        sign: `POST /api/v1/applications/${loaded.record.id}/documents/{draftId}/sign`,
      });
    }
    if (!command || command.kind !== 'complete_step') {
      const isCurrent = state.currentStepId === input.stepId && state.suspendedSince === undefined;
      throw isCurrent
        ? new DomainError(ErrorCode.forbidden, conflictDetails(state, available))
        : new DomainError(ErrorCode.conflict, conflictDetails(state, available));
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== state.version) {
      throw new DomainError(ErrorCode.conflict, {
        ...conflictDetails(state, available),
        reason: 'stale_version',
      });
    }
    const step = getStep(getFlow(regulation, state.channel), input.stepId);
    if (step.decide && input.answer === undefined) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'answer', rule: 'required', params: { question: step.decide.question } }],
      });
    }
    if (step.action === 'assign_executor') {
      const executor = input.executorId ? await findStaffAccount(trx, input.executorId) : undefined;
      const isExecutorHere =
        executor?.isActive &&
        executor.organisationId === state.providerOrganisationId &&
        executor.roles.includes(StaffRole.executor);
      if (!isExecutorHere) {
        throw new DomainError(ErrorCode.validationFailed, {
          issues: [{ path: 'executorId', rule: 'executor_of_provider' }],
        });
      }
    }
    const role = staffRoleForActor(step.actor);
    const actor =
      principal.kind === 'staff' && role
        ? {
            kind: 'staff' as const,
            userId: principal.staffId,
            role,
            organisationId: principal.organisationId,
          }
        : principal.kind === 'citizen'
          ? { kind: 'citizen' as const, iin: principal.iin }
          : { kind: 'system' as const, process: 'api' };
    const next = await recordEvents(
      trx,
      engineTargetOf(loaded),
      actor,
      [
        {
          type: 'step_completed',
          stepId: input.stepId,
          ...(step.decide ? { answer: input.answer } : {}),
          ...(step.action === 'assign_executor' ? { executorId: input.executorId } : {}),
          ...(input.note ? { note: input.note } : {}),
          documentIds: input.documentIds,
          ...(recorded.lookup && step.action === 'registry_lookup'
            ? { lookup: [...recorded.lookup] }
            : {}),
        },
      ],
      loaded.now,
    );
    return {
      applicationId: loaded.record.id,
      response: {
        applicationId: loaded.record.id,
        number: loaded.record.number,
        status: next.status,
        currentStepId: next.currentStepId ?? null,
        version: next.version,
        dueAt: new Date(next.dueAt).toISOString(),
        stepDueAt: next.stepDueAt !== undefined ? new Date(next.stepDueAt).toISOString() : null,
      },
    };
  });
}
