import { DomainError } from '../../domain/shared/domain-error.js';
import { OtpPurpose, otpMessage } from '../../signing/one-time-password.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  clearFailedLogins,
  findCitizenAccountByIin,
  recordFailedLogin,
} from '../../storage/citizen-account.repository.js';
import { checkPassword, defaultLoginPolicy, type IdentityServices } from './identity-services.js';
import {
  issueOneTimePasswordInTransaction,
  type IssuedOneTimePassword,
} from './issue-one-time-password.js';

/**
 * First step of a citizen's login: IIN and password. When they match, a one-time password
 * goes to the registered phone and the returned challenge must be confirmed with it
 * ({@link confirmCitizenLogin}). Otherwise DomainError('unauthenticated') — the portal's
 * "отказ в авторизации" (portal flow, condition 1) — the same for an unknown IIN and a
 * wrong password. After `loginPolicy.maxFailures` wrong passwords in a row the account is
 * locked for `loginPolicy.lockMs`: DomainError('rate_limited', { reason: 'login_locked' }).
 */
export async function startCitizenLogin(
  services: IdentityServices,
  credentials: { iin: string; password: string },
  now: Date,
): Promise<IssuedOneTimePassword> {
  const policy = services.loginPolicy ?? defaultLoginPolicy;
  const account = await findCitizenAccountByIin(services.db, credentials.iin.trim());
  if (account?.lockedUntil && now.getTime() < account.lockedUntil.getTime()) {
    throw new DomainError(
      'rate_limited',
      {
        reason: 'login_locked',
        retryAfterSeconds: Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000),
      },
      'account locked after repeated wrong passwords',
      true,
    );
  }
  const isMatch = await checkPassword(credentials.password, account?.passwordHash);
  if (!account) throw new DomainError('unauthenticated', { reason: 'invalid_credentials' });
  if (!isMatch) {
    await services.db.transaction().execute(async (trx) => {
      const failure = await recordFailedLogin(
        trx,
        account.id,
        policy.maxFailures,
        new Date(now.getTime() + policy.lockMs),
      );
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'anonymous' },
        action: failure.lockedUntil ? 'citizen.login_locked' : 'citizen.login_failed',
        subjectType: 'citizen_account',
        subjectId: account.id,
        details: {
          failedLoginCount: failure.failedLoginCount,
          lockedUntil: failure.lockedUntil?.toISOString() ?? null,
        },
      });
    });
    throw new DomainError('unauthenticated', { reason: 'invalid_credentials' });
  }
  // The counter reset and the new code are one change (the issued code is audited).
  const request = {
    phone: account.phone,
    purpose: OtpPurpose.login,
    citizenAccountId: account.id,
    actor: { kind: 'citizen' as const, id: account.id },
  };
  const issued = await services.db.transaction().execute(async (trx) => {
    await clearFailedLogins(trx, account.id);
    return issueOneTimePasswordInTransaction(trx, services, request, now);
  });
  await services.sms.send({
    phone: account.phone,
    text: otpMessage(issued.code, OtpPurpose.login),
  });
  return {
    challengeId: issued.challengeId,
    expiresAt: issued.expiresAt,
    maskedPhone: issued.maskedPhone,
  };
}
