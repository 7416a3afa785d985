import type { SubmitApplicationResult } from '../applications/submit-application.js';
import { submitApplication } from '../applications/submit-application.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { markPortalDraftSubmitted } from '../../storage/portal-draft.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { certifyApplicationByOtp } from '../signing/certify-application-by-otp.js';
import { attachmentsOf, draftDigest, submittedFields } from './draft-readiness.js';
import { getPortalDraft } from './get-portal-draft.js';
import type { PortalCitizen } from './portal-citizen.js';
import { refuseUnreadyDraft } from './refuse-unready-draft.js';

/**
 * Certifies the reviewed draft with the one-time password and submits it through the
 * engine on the portal channel: the certification (the draft's SHA-256, the phone, the
 * code's id and the time) is stored first; a wrong or expired code throws
 * 'unauthenticated' with the attempts left and submits nothing. The submission's
 * idempotency key is the draft's, so a repeated request returns the same application.
 * A draft already submitted answers with its application.
 */
export async function submitPortalDraft(
  services: ApplicationServices,
  citizen: PortalCitizen,
  input: {
    draftId: string;
    challengeId: string;
    code: string;
    /** The SHA-256 shown on the review page: refused with conflict when the draft changed since. */
    digestSha256?: string;
  },
): Promise<Pick<SubmitApplicationResult, 'applicationId' | 'number' | 'dueAt'>> {
  const now = services.now();
  const { draft, documents, regulation } = await getPortalDraft(
    services,
    citizen.accountId,
    input.draftId,
  );
  if (draft.status === 'submitted' && draft.applicationId && draft.applicationNumber) {
    throw new DomainError(ErrorCode.conflict, {
      reason: 'draft_already_submitted',
      applicationId: draft.applicationId,
    });
  }
  await refuseUnreadyDraft(services, citizen, { regulation, draft, documents });
  const digestSha256 = draftDigest(regulation, draft, documents);
  if (input.digestSha256 !== undefined && input.digestSha256 !== digestSha256) {
    throw new DomainError(ErrorCode.conflict, { reason: 'draft_changed_since_review' });
  }
  const certification = await certifyApplicationByOtp(
    services.db,
    {
      // The code was issued for the draft (the application has no id before it is submitted).
      applicationId: draft.id,
      digestSha256,
      iin: citizen.iin,
      challengeId: input.challengeId,
      code: input.code.trim(),
      actor: { kind: 'citizen', id: citizen.accountId },
    },
    now,
  );
  const result = await submitApplication(
    services,
    { kind: 'citizen', iin: citizen.iin },
    {
      idempotencyKey: `portal-draft:${draft.id}`,
      serviceCode: regulation.service,
      channel: 'portal',
      applicantIin: citizen.iin,
      providerOrganisationId: draft.providerOrganisationId!,
      ...(draft.frontOfficeId ? { frontOfficeId: draft.frontOfficeId } : {}),
      fields: submittedFields(regulation, draft.fields),
      documents: attachmentsOf(documents),
      // A sandbox portal request "as of" a past day (docs/sandbox.md).
      ...(services.sandbox && services.asOf ? { asOf: services.asOf } : {}),
    },
    // The certification's subject is the draft (the application had no id yet); the submitted
    // event names it, so the application's log links to exactly what the citizen certified.
    { certification: { method: 'otp', id: certification.id, digestSha256 } },
  );
  await markPortalDraftSubmitted(services.db, draft.id, {
    id: result.applicationId,
    number: result.number,
    now,
  });
  return { applicationId: result.applicationId, number: result.number, dueAt: result.dueAt };
}
