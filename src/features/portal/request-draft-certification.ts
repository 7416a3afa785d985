import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { OtpPurpose } from '../../signing/one-time-password.js';
import type { SmsSender } from '../../integrations/sms/sms-sender.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { issueOneTimePassword } from '../identity/issue-one-time-password.js';
import { draftDigest } from './draft-readiness.js';
import { getPortalDraft } from './get-portal-draft.js';
import type { PortalCitizen } from './portal-citizen.js';
import { refuseUnreadyDraft } from './refuse-unready-draft.js';

/**
 * After the review: checks the draft is complete and sends the one-time password that will
 * certify it to the phone registered on the portal (standard-education-duplicates, point 8: the electronic
 * application is certified by ЭЦП or a one-time password). The code's subject is the draft,
 * so it certifies this draft and nothing else. validation_failed with the problems when the
 * draft is not ready.
 */
export async function requestDraftCertification(
  services: ApplicationServices & { sms: SmsSender },
  citizen: PortalCitizen,
  draftId: string,
): Promise<{ challengeId: string; maskedPhone: string; expiresAt: Date; digestSha256: string }> {
  const now = services.now();
  const { draft, documents, regulation } = await getPortalDraft(
    services,
    citizen.accountId,
    draftId,
  );
  if (draft.status !== 'open') {
    throw new DomainError(ErrorCode.conflict, { reason: 'draft_already_submitted' });
  }
  await refuseUnreadyDraft(services, citizen, { regulation, draft, documents });
  const issued = await issueOneTimePassword(
    { db: services.db, sms: services.sms },
    {
      phone: citizen.phone,
      purpose: OtpPurpose.certifyApplication,
      citizenAccountId: citizen.accountId,
      subjectId: draft.id,
      actor: { kind: 'citizen', id: citizen.accountId },
    },
    now,
  );
  return { ...issued, digestSha256: draftDigest(regulation, draft, documents) };
}
