import { DomainError } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import type { MobileCitizens } from '../../integrations/mobile-citizens.js';
import { OtpPurpose, otpMessage } from '../../signing/one-time-password.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { findCitizenAccountByIin } from '../../storage/citizen-account.repository.js';
import { checkPassword, type IdentityServices } from './identity-services.js';
import {
  issueOneTimePasswordInTransaction,
  type IssuedOneTimePassword,
} from './issue-one-time-password.js';
import {
  assertLoginAllowed,
  clearLoginFailures,
  loginThrottleKeys,
  recordLoginFailure,
} from './login-throttle.js';

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
 * wrong password. Wrong passwords slow the account down by a growing delay counted per
 * account and per client address (`source`; see {@link defaultLoginThrottlePolicy}): an
 * attempt before its delay has passed is DomainError('rate_limited', { reason:
 * 'login_locked', retryAfterSeconds }) without the password being checked.
 *
 * An unverified account (registered before IINs were proved, migration 0095) must prove its
 * IIN now: the code goes to the phone the mobile-citizens registry holds for the IIN instead
 * of the account's, and the confirmation marks the account verified with that phone. With
 * no phone there: DomainError('unauthenticated', { reason: 'identity_proof_required' }).
 */
export async function startCitizenLogin(
  services: IdentityServices & { registries?: { mobileCitizens: MobileCitizens } },
  credentials: { iin: string; password: string; source?: string },
  now: Date,
): Promise<IssuedOneTimePassword> {
  const iin = credentials.iin.trim();
  const keys = loginThrottleKeys('citizen', iin, credentials.source ?? 'local');
  await assertLoginAllowed(services.db, keys, now);
  const account = await findCitizenAccountByIin(services.db, iin);
  const isMatch = await checkPassword(credentials.password, account?.passwordHash);
  if (!isMatch) {
    await services.db.transaction().execute(async (trx) => {
      const failure = await recordLoginFailure(trx, keys, now, services.loginThrottle);
      if (!account) return;
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'anonymous' },
        action: failure.delayedUntil ? 'citizen.login_delayed' : 'citizen.login_failed',
        subjectType: 'citizen_account',
        subjectId: account.id,
        details: {
          failedLoginCount: failure.failures,
          source: credentials.source ?? 'local',
          delayedUntil: failure.delayedUntil?.toISOString() ?? null,
        },
      });
    });
    throw new DomainError('unauthenticated', { reason: 'invalid_credentials' });
  }
  if (!account) throw new DomainError('unauthenticated', { reason: 'invalid_credentials' });
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
    await clearLoginFailures(trx, keys);
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
