import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getFlow, getStep } from '../../domain/application/fold.js';
import { addRegulationDuration } from '../../domain/application/term-arithmetic.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { insertResultRequest, listResultRequests } from '../../storage/front-office.repository.js';
import {
  getOrganisation,
  workingTimeOf,
  type ApplicationServices,
} from '../../engine/application-services.js';
import { completeStep } from '../applications/complete-step.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { requireFrontOfficeRole, type FrontOfficeStaff } from './front-office-context.js';

/** What the person collecting the result shows. */
export const CollectorDocument = z.enum(['identity_card', 'passport', 'power_of_attorney']);
export type CollectorDocument = z.infer<typeof CollectorDocument>;

export const IssueStoredResultInput = z
  .object({
    applicationId: z.string().uuid(),
    expectedVersion: z.number().int().positive(),
    documentType: CollectorDocument,
    documentNumber: z.string().trim().min(3).max(50),
  })
  .strict();
export type IssueStoredResultInput = z.input<typeof IssueStoredResultInput>;

/**
 * Issues the result kept at the front office to the applicant (or representative) against an
 * identity document or a power of attorney (digest, "Front office flow"; e.g. seed 004, annex
 * 1, point 6, item 6): the engine's issue step, with the document shown in its note.
 */
export async function issueStoredResult(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
  rawInput: IssueStoredResultInput,
) {
  const input = parseInput(IssueStoredResultInput, rawInput);
  requireFrontOfficeRole(staff);
  const { state, regulation } = await getApplicationFor(
    services,
    staff.principal,
    input.applicationId,
  );
  const step = state.currentStepId
    ? getStep(getFlow(regulation, state.channel), state.currentStepId)
    : undefined;
  if (!step || step.action !== 'issue_result' || step.actor !== 'front_office_operator') {
    throw new DomainError(ErrorCode.conflict, {
      status: state.status,
      currentStepId: state.currentStepId ?? null,
      reason: 'no_result_waiting',
    });
  }
  return completeStep(services, staff.principal, {
    idempotencyKey: `fo:issue:${input.applicationId}:v${input.expectedVersion}`,
    applicationId: input.applicationId,
    stepId: step.id,
    expectedVersion: input.expectedVersion,
    note: `issued against ${input.documentType} ${input.documentNumber}`,
  });
}

/**
 * The front office asks the provider for a result handed back after the month of storage,
 * when the applicant comes later: the provider sends it within one working day (seed 004,
 * annex 2, point 8, item 4: `frontOfficeStorage.resendWithin`), counted with the provider's
 * calendar. Recorded, addressed to the provider (whose back office lists it with this due and
 * marks it sent: provider-result-requests.ts) and audited; returns the due. While a request is
 * open, asking again returns it (idempotent).
 *
 * Why beside the engine: `handed_back` ends the regulation's process — no regulation's flow has
 * a step for the re-sending (the storage and the one working day are a front-office rule,
 * `frontOfficeStorage`, not a step), so the request is not an engine step (docs/front-office.md).
 */
export async function requestHandedBackResult(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
  applicationId: string,
): Promise<{ dueAt: Date; requestId: string }> {
  requireFrontOfficeRole(staff);
  const { state, regulation, record } = await getApplicationFor(
    services,
    staff.principal,
    applicationId,
  );
  if (state.status !== 'handed_back' || record.frontOfficeId !== staff.principal.organisationId) {
    throw new DomainError(ErrorCode.conflict, { status: state.status, reason: 'not_handed_back' });
  }
  const open = (await listResultRequests(services.db, staff.principal.organisationId)).find(
    (request) => request.applicationId === applicationId && request.sentAt === null,
  );
  if (open) return { dueAt: open.dueAt, requestId: open.id };
  const now = services.now();
  const provider = await getOrganisation(
    services,
    services.db,
    record.providerOrganisationId,
    'provider',
  );
  const within = regulation.frontOfficeStorage?.resendWithin ?? {
    amount: 1,
    unit: 'working_days' as const,
  };
  const dueAt = new Date(
    addRegulationDuration(workingTimeOf(services, provider), now.getTime(), within),
  );
  const id = randomUUID();
  await services.db.transaction().execute(async (trx) => {
    await insertResultRequest(trx, {
      id,
      applicationId,
      frontOfficeId: staff.principal.organisationId,
      providerOrganisationId: record.providerOrganisationId,
      requestedBy: staff.principal.staffId,
      requestedAt: now,
      dueAt,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: staff.principal.staffId },
      action: 'front_office.result_requested',
      subjectType: 'application',
      subjectId: applicationId,
      details: { number: record.number, dueAt: dueAt.toISOString(), requestId: id },
    });
  });
  return { dueAt, requestId: id };
}
