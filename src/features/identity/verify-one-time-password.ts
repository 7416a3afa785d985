import type { Transaction } from 'kysely';
import type { LocalizedText } from '../../domain/shared/locale.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import {
  describeOtpRejection,
  matchesOtpCode,
  OtpRejection,
  type OtpPurpose,
} from '../../signing/one-time-password.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import { findOtpForUpdate, updateOtpAttempt } from '../../storage/one-time-password.repository.js';
import type { Tables } from '../../storage/schema.js';
import type { IdentityServices } from './identity-services.js';

export type OneTimePasswordCheck =
  | {
      readonly isAccepted: true;
      readonly challengeId: string;
      readonly phone: string;
      readonly citizenAccountId: string | null;
      readonly subjectId: string | null;
    }
  | {
      readonly isAccepted: false;
      readonly reason: OtpRejection;
      readonly attemptsLeft: number;
      readonly message: LocalizedText;
    };

export interface OneTimePasswordAnswer {
  readonly challengeId: string;
  readonly code: string;
  readonly purpose: OtpPurpose;
  /** The subject the code was issued for (e.g. the application id); must match, absent for none. */
  readonly subjectId?: string;
  readonly actor: AuditActor;
}

const reject = (reason: OtpRejection, attemptsLeft = 0): OneTimePasswordCheck => ({
  isAccepted: false,
  reason,
  attemptsLeft,
  message: describeOtpRejection(reason, attemptsLeft),
});

/**
 * Checks a code inside the caller's transaction and records the attempt: a correct code
 * is used up; a wrong one counts against the limit and kills the code at the limit; an
 * expired code is refused whatever is typed. Returns a result, never throws for a wrong
 * code, so the caller can commit the attempt counter and then report the refusal.
 */
export async function consumeOneTimePassword(
  trx: Transaction<Tables>,
  answer: OneTimePasswordAnswer,
  now: Date,
): Promise<OneTimePasswordCheck> {
  const otp = await findOtpForUpdate(trx, answer.challengeId);
  if (!otp || otp.purpose !== answer.purpose) return reject(OtpRejection.notFound);
  if ((answer.subjectId ?? null) !== otp.subjectId) {
    return reject(OtpRejection.notFound);
  }
  switch (otp.status) {
    case 'used':
      return reject(OtpRejection.alreadyUsed);
    case 'exhausted':
      return reject(OtpRejection.attemptsExhausted);
    case 'superseded':
      return reject(OtpRejection.superseded);
    case 'pending':
      break;
  }
  if (now.getTime() >= otp.expiresAt.getTime()) return reject(OtpRejection.expired);
  const audit = (action: string, details: Record<string, unknown>) =>
    appendAudit(trx, {
      occurredAt: now,
      actor: answer.actor,
      action,
      subjectType: 'one_time_password',
      subjectId: otp.id,
      details: { purpose: otp.purpose, ...details },
    });
  if (matchesOtpCode(answer.code, otp.codeSalt, otp.codeHash)) {
    await updateOtpAttempt(trx, otp.id, { attempts: otp.attempts, status: 'used', usedAt: now });
    await audit('otp.accepted', {});
    return {
      isAccepted: true,
      challengeId: otp.id,
      phone: otp.phone,
      citizenAccountId: otp.citizenAccountId,
      subjectId: otp.subjectId,
    };
  }
  const attempts = otp.attempts + 1;
  const isExhausted = attempts >= otp.maxAttempts;
  await updateOtpAttempt(trx, otp.id, { attempts, status: isExhausted ? 'exhausted' : 'pending' });
  await audit('otp.rejected', { attempts, isExhausted });
  return isExhausted
    ? reject(OtpRejection.attemptsExhausted)
    : reject(OtpRejection.wrongCode, otp.maxAttempts - attempts);
}

/** Checks a code in its own transaction; see {@link consumeOneTimePassword}. */
export async function verifyOneTimePassword(
  services: Pick<IdentityServices, 'db'>,
  answer: OneTimePasswordAnswer,
  now: Date,
): Promise<OneTimePasswordCheck> {
  return services.db.transaction().execute((trx) => consumeOneTimePassword(trx, answer, now));
}

/** The DomainError for a refused code: 'unauthenticated' with the reason and the message. */
export function otpRefusal(
  check: Extract<OneTimePasswordCheck, { isAccepted: false }>,
): DomainError {
  return new DomainError(
    'unauthenticated',
    { reason: `otp_${check.reason}`, attemptsLeft: check.attemptsLeft, message: check.message },
    `one-time password refused: ${check.reason}`,
  );
}
