import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { buildOtpCertification, OtpSubjectKind } from '../../domain/signature/otp-certification.js';
import { OtpPurpose } from '../../signing/one-time-password.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import { findCitizenAccount } from '../../storage/citizen-account.repository.js';
import type { Database } from '../../storage/db.js';
import { insertOtpCertification } from '../../storage/otp-certification.repository.js';
import {
  consumeOneTimePassword,
  otpRefusal,
  type OneTimePasswordCheck,
} from '../identity/verify-one-time-password.js';

/**
 * Certifies an application by the one-time password the identity module sent for it
 * (purpose `certify_application`, subject = the application id): the alternative to an ЭЦП
 * signature (standard-education-duplicates). In one transaction: the code is consumed (a wrong code counts against
 * its limit and is committed before the refusal is thrown), and the certification — the
 * application's SHA-256, the phone the code went to, the code's id and the time — is stored
 * with its audit row. The code must belong to the citizen whose IIN is given.
 */
export async function certifyApplicationByOtp(
  db: Database,
  input: {
    applicationId: string;
    /** SHA-256 (hex) of the application as the citizen saw it. */
    digestSha256: string;
    iin: string;
    challengeId: string;
    code: string;
    actor: AuditActor;
  },
  now: Date,
): Promise<{ id: string; phone: string; certifiedAt: Date }> {
  const outcome = await db.transaction().execute(async (trx) => {
    const check: OneTimePasswordCheck = await consumeOneTimePassword(
      trx,
      {
        challengeId: input.challengeId,
        code: input.code,
        purpose: OtpPurpose.certifyApplication,
        subjectId: input.applicationId,
        actor: input.actor,
      },
      now,
    );
    if (!check.isAccepted) return { kind: 'refused', check } as const;
    if (check.citizenAccountId) {
      const account = await findCitizenAccount(trx, check.citizenAccountId);
      if (account && account.iin !== input.iin) return { kind: 'other_person' } as const;
    }
    const built = buildOtpCertification({
      subjectKind: OtpSubjectKind.application,
      applicationId: input.applicationId,
      digestSha256: input.digestSha256,
      iin: input.iin,
      phone: check.phone,
      otpId: check.challengeId,
      certifiedAt: now,
    });
    if (!built.ok) return { kind: 'invalid', problems: built.problems } as const;
    const id = await insertOtpCertification(trx, built.certification);
    await appendAudit(trx, {
      occurredAt: now,
      actor: input.actor,
      action: 'signature.otp_certified',
      subjectType: 'application',
      subjectId: input.applicationId,
      details: { digestSha256: built.certification.digestSha256, otpId: check.challengeId },
    });
    return { kind: 'certified', id, phone: built.certification.phone } as const;
  });
  switch (outcome.kind) {
    case 'refused':
      throw otpRefusal(outcome.check);
    case 'other_person':
      throw new DomainError(ErrorCode.forbidden, { otp: 'other_person' });
    case 'invalid':
      throw new DomainError(ErrorCode.validationFailed, {
        issues: outcome.problems.map((problem) => ({ path: problem, rule: 'invalid' })),
      });
    case 'certified':
      return { id: outcome.id, phone: outcome.phone, certifiedAt: now };
  }
}
