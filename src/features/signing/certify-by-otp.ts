import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import {
  buildOtpCertification,
  type OneTimePasswordGateway,
  type OtpSubjectKind,
} from '../../domain/signature/otp-certification.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import type { Database } from '../../storage/db.js';
import { insertOtpCertification } from '../../storage/otp-certification.repository.js';

/**
 * Certifies an application (or another request) by one-time password, the alternative to an
 * ЭЦП signature (standard-education-duplicates): checks the typed code through the identity module's gateway, then
 * records the digest of the certified content, the phone, the code's id and the time.
 * A wrong, used or expired code is refused (`unauthenticated`); a code sent to another
 * person's phone is refused (`forbidden`).
 */
export async function certifyByOtp(
  db: Database,
  gateway: OneTimePasswordGateway,
  input: {
    subjectKind: OtpSubjectKind;
    applicationId?: string | null;
    digestSha256: string;
    iin: string;
    otpId: string;
    code: string;
    /** The citizen's account (or the operator), for the audit row. */
    actor?: AuditActor;
  },
  now: Date,
): Promise<{ id: string; phone: string; certifiedAt: Date }> {
  const confirmation = await gateway.confirm({ otpId: input.otpId, code: input.code });
  if (!confirmation.confirmed)
    throw new DomainError(ErrorCode.unauthenticated, { otp: 'not_confirmed' });
  if (confirmation.iin !== input.iin)
    throw new DomainError(ErrorCode.forbidden, { otp: 'other_person' });
  const built = buildOtpCertification({
    subjectKind: input.subjectKind,
    applicationId: input.applicationId ?? null,
    digestSha256: input.digestSha256,
    iin: input.iin,
    phone: confirmation.phone,
    otpId: input.otpId,
    certifiedAt: now,
  });
  if (!built.ok) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: built.problems.map((problem) => ({ path: problem, rule: 'invalid' })),
    });
  }
  const certification = built.certification;
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await insertOtpCertification(trx, certification);
    await appendAudit(trx, {
      occurredAt: now,
      actor: input.actor ?? { kind: 'system' },
      action: 'signature.otp_certified',
      subjectType: certification.subjectKind,
      subjectId: certification.applicationId,
      details: {
        digestSha256: certification.digestSha256,
        phone: certification.phone,
        otpId: certification.otpId,
      },
    });
    return inserted;
  });
  return { id, phone: built.certification.phone, certifiedAt: now };
}
