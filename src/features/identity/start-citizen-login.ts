import { DomainError } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import type { MobileCitizens } from '../../integrations/mobile-citizens.js';
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

/** Shown when an unverified account cannot prove its IIN by phone at sign-in. */
export const proofRequiredMessage: LocalizedText = {
  kk: 'Аккаунттың ЖСН-і расталмаған, ал мобильді азаматтар базасында оған телефон тіркелмеген. ЭЦҚ арқылы қайта тіркеліңіз.',
  ru: 'ИИН этой учётной записи не подтверждён, а в базе мобильных граждан за ним нет номера телефона. Зарегистрируйтесь заново с ЭЦП.',
  en: 'The IIN of this account is not proved and the mobile-citizens registry holds no phone for it. Register again with a digital signature (ЭЦП).',
};

/**
 * First step of a citizen's login: IIN and password. When they match, a one-time password
 * goes to the registered phone and the returned challenge must be confirmed with it
 * ({@link confirmCitizenLogin}). Otherwise DomainError('unauthenticated') — the portal's
 * "отказ в авторизации" (portal flow, condition 1) — the same for an unknown IIN and a
 * wrong password. After `loginPolicy.maxFailures` wrong passwords in a row the account is
 * locked for `loginPolicy.lockMs`: DomainError('rate_limited', { reason: 'login_locked' }).
 *
 * An unverified account (registered before IINs were proved, migration 0095) must prove its
 * IIN now: the code goes to the phone the mobile-citizens registry holds for the IIN instead
 * of the account's, and the confirmation marks the account verified with that phone. With
 * no phone there: DomainError('unauthenticated', { reason: 'identity_proof_required' }).
 */
export async function startCitizenLogin(
  services: IdentityServices & { registries?: { mobileCitizens: MobileCitizens } },
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
  const phone = account.identityVerifiedAt
    ? account.phone
    : await registryPhoneOf(services.registries?.mobileCitizens, account.iin);
  // The counter reset and the new code are one change (the issued code is audited).
  const request = {
    phone,
    purpose: OtpPurpose.login,
    citizenAccountId: account.id,
    actor: { kind: 'citizen' as const, id: account.id },
  };
  const issued = await services.db.transaction().execute(async (trx) => {
    await clearFailedLogins(trx, account.id);
    return issueOneTimePasswordInTransaction(trx, services, request, now);
  });
  await services.sms.send({
    phone,
    text: otpMessage(issued.code, OtpPurpose.login),
  });
  return {
    challengeId: issued.challengeId,
    expiresAt: issued.expiresAt,
    maskedPhone: issued.maskedPhone,
  };
}

async function registryPhoneOf(
  mobileCitizens: MobileCitizens | undefined,
  iin: string,
): Promise<string> {
  const bound = mobileCitizens ? await mobileCitizens.findPhone(iin) : undefined;
  if (bound?.status !== 'found') {
    throw new DomainError('unauthenticated', {
      reason: 'identity_proof_required',
      message: proofRequiredMessage,
    });
  }
  return bound.data.phone;
}
