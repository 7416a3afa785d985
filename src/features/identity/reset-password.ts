import { randomUUID } from 'node:crypto';
import { checkNewPassword, describePasswordIssue } from '../../domain/identity/credentials.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { maskPhone } from '../../integrations/sms/sms-sender.js';
import { OtpPurpose } from '../../signing/one-time-password.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  findCitizenAccount,
  findCitizenAccountByIin,
  updateCitizenPassword,
} from '../../storage/citizen-account.repository.js';
import { revokeAllSessions } from '../../storage/session.repository.js';
import { hashPassword, otpPolicyOf, type IdentityServices } from './identity-services.js';
import { issueOneTimePassword, type IssuedOneTimePassword } from './issue-one-time-password.js';
import { clearAccountLoginFailures } from './login-throttle.js';
import { consumeOneTimePassword, otpRefusal } from './verify-one-time-password.js';

/**
 * Starts a password reset: a one-time password goes to the phone registered for the IIN.
 * For an unknown IIN the answer looks the same (no account enumeration) and nothing is sent.
 */
export async function requestPasswordReset(
  services: IdentityServices,
  iin: string,
  now: Date,
): Promise<IssuedOneTimePassword> {
  const account = await findCitizenAccountByIin(services.db, iin.trim());
  if (!account) {
    return {
      challengeId: randomUUID(),
      expiresAt: new Date(now.getTime() + otpPolicyOf(services).ttlMs),
      maskedPhone: maskPhone(''),
    };
  }
  return issueOneTimePassword(
    services,
    {
      phone: account.phone,
      purpose: OtpPurpose.passwordReset,
      citizenAccountId: account.id,
      actor: { kind: 'citizen', id: account.id },
    },
    now,
  );
}

/**
 * Completes a password reset with the one-time password: sets the new password and ends
 * every session of the account. Throws validation_failed for a weak password and
 * unauthenticated for a refused code.
 */
export async function resetPassword(
  services: Pick<IdentityServices, 'db'>,
  request: { challengeId: string; code: string; newPassword: string },
  now: Date,
): Promise<void> {
  const issue = checkNewPassword(request.newPassword);
  if (issue) {
    throw new DomainError('validation_failed', {
      issues: [{ path: 'newPassword', rule: issue }],
      message: describePasswordIssue(issue),
    });
  }
  const passwordHash = await hashPassword(request.newPassword);
  const check = await services.db.transaction().execute(async (trx) => {
    const result = await consumeOneTimePassword(
      trx,
      {
        challengeId: request.challengeId,
        code: request.code,
        purpose: OtpPurpose.passwordReset,
        actor: { kind: 'anonymous' },
      },
      now,
    );
    if (!result.isAccepted || !result.citizenAccountId) return result;
    const subject = { subjectKind: 'citizen' as const, subjectId: result.citizenAccountId };
    await updateCitizenPassword(trx, result.citizenAccountId, passwordHash, now);
    const account = await findCitizenAccount(trx, result.citizenAccountId);
    if (account) await clearAccountLoginFailures(trx, 'citizen', account.iin);
    const revoked = await revokeAllSessions(trx, subject, now);
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: result.citizenAccountId },
      action: 'citizen.password_reset',
      subjectType: 'citizen_account',
      subjectId: result.citizenAccountId,
      details: { sessionsRevoked: revoked },
    });
    return result;
  });
  if (!check.isAccepted) throw otpRefusal(check);
}
