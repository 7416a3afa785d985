import { DomainError } from '../../domain/shared/domain-error.js';
import { OtpPurpose } from '../../signing/one-time-password.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  findCitizenAccount,
  markCitizenAccountVerified,
} from '../../storage/citizen-account.repository.js';
import { insertSession } from '../../storage/session.repository.js';
import {
  createSessionToken,
  defaultSessionTtlMs,
  type IdentityServices,
} from './identity-services.js';
import { consumeOneTimePassword, otpRefusal } from './verify-one-time-password.js';

export interface CitizenSession {
  readonly sessionId: string;
  readonly citizenAccountId: string;
  /** The secret for the session cookie; stored only as a hash. */
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Second step of a citizen's login: the one-time password from the phone. A correct code
 * opens a session; a wrong, expired or used-up one throws DomainError('unauthenticated')
 * with the reason and attempts left (the attempt is recorded first). For an unverified
 * account the code went to the mobile-citizens registry's phone: the account is marked
 * verified and takes that phone.
 */
export async function confirmCitizenLogin(
  services: Pick<IdentityServices, 'db' | 'sessionTtlMs'>,
  answer: { challengeId: string; code: string },
  now: Date,
): Promise<CitizenSession> {
  const outcome = await services.db.transaction().execute(async (trx) => {
    const check = await consumeOneTimePassword(
      trx,
      { ...answer, purpose: OtpPurpose.login, actor: { kind: 'anonymous' } },
      now,
    );
    if (!check.isAccepted || !check.citizenAccountId) return { check };
    // An unverified account got its code at the phone БМГ holds for the IIN: proved now.
    const account = await findCitizenAccount(trx, check.citizenAccountId);
    if (account && !account.identityVerifiedAt) {
      await markCitizenAccountVerified(trx, account.id, {
        phone: check.phone,
        identityProof: 'mobile_registry_otp',
        now,
      });
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'citizen', id: account.id },
        action: 'citizen.identity_proved',
        subjectType: 'citizen_account',
        subjectId: account.id,
        details: { identityProof: 'mobile_registry_otp', at: 'sign_in' },
      });
    }
    const { token, tokenHash } = createSessionToken();
    const expiresAt = new Date(now.getTime() + (services.sessionTtlMs ?? defaultSessionTtlMs));
    const sessionId = await insertSession(trx, {
      subjectKind: 'citizen',
      subjectId: check.citizenAccountId,
      tokenHash,
      createdAt: now,
      expiresAt,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: check.citizenAccountId },
      action: 'session.created',
      subjectType: 'session',
      subjectId: sessionId,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return {
      check,
      session: { sessionId, citizenAccountId: check.citizenAccountId, token, expiresAt },
    };
  });
  if (!outcome.check.isAccepted) throw otpRefusal(outcome.check);
  if (!outcome.session) throw new DomainError('unauthenticated', { reason: 'otp_not_found' });
  return outcome.session;
}
