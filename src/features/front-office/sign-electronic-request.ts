import { z } from 'zod';
import { detachedCms } from '../../domain/shared/detached-cms.js';
import type { ApplicationEventPayload } from '../../domain/application/ApplicationEvent.js';
import { listAvailableCommands } from '../../domain/application/available-commands.js';
import { getFlow, getStep, nextStepId } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { ActorRole, StaffRole } from '../../domain/shared/roles.js';
import { confirmSignature } from '../../signing/confirm-signature.js';
import { displayName } from '../../signing/nca-conventions.js';
import type { TrustStore } from '../../signing/trust-store.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  findFrontOfficeRequest,
  markFrontOfficeRequestSigned,
} from '../../storage/front-office-request.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import { getOrganisation, type ApplicationServices } from '../../engine/application-services.js';
import { conflictDetails } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';
import { operatorSignStep } from './electronic-request.js';

export const SignElectronicRequestInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    cms: detachedCms("the request's canonical bytes or their SHA-256"),
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type SignElectronicRequestInput = z.input<typeof SignElectronicRequestInput>;

export const SignedElectronicRequestResult = z.object({
  applicationId: z.string(),
  requestId: z.string(),
  sha256: z.string(),
  signerName: z.string(),
  signerIin: z.string().nullable(),
  signedAt: z.string(),
  completedStepIds: z.array(z.string()).describe('The engine steps this signature completed'),
  status: z.string(),
  currentStepId: z.string().nullable(),
  version: z.number(),
});
export type SignedElectronicRequestResult = z.infer<typeof SignedElectronicRequestResult>;

/** The process named in the log as answering verify_signature. */
const verifier = { kind: 'system' as const, process: 'signature-verification' };

/**
 * Phase two of the front office's electronic request (akimat-2016-54, annex 1, point 9, item 7:
 * "электронный документ (запрос услугополучателя), удостоверенный ЭЦП работника
 * Государственной корпорации"; akimat-2012-149, annex 2, point 7, items 5–6): the operator's CMS
 * over the request prepared at intake is checked like any signature — chain, validity, CRL,
 * signing key, the operator's IIN and, when the front office has one, its BIN; a failure is
 * the regulations' "не подтверждение подлинности ЭЦП" and changes nothing. Then, in one
 * transaction: the signature is stored with the request, the regulation's sign_request step
 * (when it is the current step) is completed by the operator, the verify_signature step that
 * follows is answered by the verification (signature_valid = yes), and the audit rows are
 * written.
 */
export async function signElectronicRequest(
  services: ApplicationServices,
  context: { trustStore: TrustStore },
  principal: Principal,
  rawInput: SignElectronicRequestInput,
): Promise<SignedElectronicRequestResult> {
  const input = parseInput(SignElectronicRequestInput, rawInput);
  return runCommand(services, principal, 'sign_front_office_request', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    const { state, regulation, record } = loaded;
    const available = listAvailableCommands(state, regulation, principal, record.regionCode);
    if (
      principal.kind !== 'staff' ||
      !principal.roles.includes(StaffRole.frontOfficeOperator) ||
      principal.organisationId !== state.frontOfficeId
    ) {
      throw new DomainError(ErrorCode.forbidden, { reason: 'front_office_operator_only' });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== state.version) {
      throw new DomainError(ErrorCode.conflict, {
        ...conflictDetails(state, available),
        reason: 'stale_version',
      });
    }
    const request = await findFrontOfficeRequest(trx, record.id);
    if (!request) throw new DomainError(ErrorCode.notFound, { applicationId: record.id });
    if (request.signedAt) {
      throw new DomainError(ErrorCode.conflict, {
        ...conflictDetails(state, available),
        reason: 'request_already_signed',
      });
    }
    const operator = await findStaffAccount(trx, principal.staffId);
    const frontOffice = await getOrganisation(
      services,
      trx,
      principal.organisationId,
      'frontOfficeId',
    );
    const now = services.now();
    const cms = new Uint8Array(Buffer.from(input.cms.replace(/\s+/g, ''), 'base64'));
    const verified = confirmSignature({
      cms,
      content: request.contentBytes,
      trustStore: context.trustStore,
      now,
      expected: { iin: operator?.iin ?? '', ...(frontOffice.bin ? { bin: frontOffice.bin } : {}) },
    });
    const signerName = displayName(verified.signer.identity);
    const signerIin = verified.signer.identity.iin ?? null;
    if (
      !(await markFrontOfficeRequestSigned(trx, request.id, {
        cms,
        signerStaffId: principal.staffId,
        signerIin,
        signerName,
        certificateSerial: verified.signer.serialNumber,
        signedAt: now,
      }))
    ) {
      throw new DomainError(ErrorCode.conflict, { reason: 'request_already_signed' });
    }

    // The engine: the operator's sign_request step, when it is the one waiting, and the
    // information system's verify_signature right after it, answered by this verification.
    const flow = getFlow(regulation, state.channel);
    const signStep = operatorSignStep(regulation, state.channel);
    const isCurrent =
      signStep !== undefined &&
      state.currentStepId === signStep.id &&
      state.suspendedSince === undefined;
    let next = state;
    const completed: string[] = [];
    if (isCurrent) {
      const note = `ЭЦП: ${signerName}; SHA-256 ${request.contentSha256}; request ${request.id}`;
      const followingId = nextStepId(signStep, undefined);
      const following = followingId ? getStep(flow, followingId) : undefined;
      const verification: ApplicationEventPayload[] =
        following?.action === 'verify_signature' &&
        following.actor === ActorRole.informationSystem &&
        following.decide?.question === 'signature_valid'
          ? [{ type: 'step_completed', stepId: following.id, answer: true, documentIds: [] }]
          : [];
      next = await recordEvents(
        trx,
        engineTargetOf(loaded),
        {
          kind: 'staff',
          userId: principal.staffId,
          role: StaffRole.frontOfficeOperator,
          organisationId: principal.organisationId,
        },
        [{ type: 'step_completed', stepId: signStep.id, note, documentIds: [] }],
        loaded.now,
        verification.length > 0 ? { followedBy: { actor: verifier, payloads: verification } } : {},
      );
      completed.push(
        signStep.id,
        ...verification.map((event) => (event as { stepId: string }).stepId),
      );
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: principal.staffId },
      action: 'front_office_request.signed',
      subjectType: 'application',
      subjectId: record.id,
      details: {
        number: record.number,
        requestId: request.id,
        contentSha256: request.contentSha256,
        signerIin,
        signerName,
        certificateSerial: verified.signer.serialNumber,
        issuer: verified.signer.issuer,
        completedStepIds: completed,
      },
    });
    return {
      applicationId: record.id,
      response: {
        applicationId: record.id,
        requestId: request.id,
        sha256: request.contentSha256,
        signerName,
        signerIin,
        signedAt: now.toISOString(),
        completedStepIds: completed,
        status: next.status,
        currentStepId: next.currentStepId ?? null,
        version: next.version,
      },
    };
  });
}
