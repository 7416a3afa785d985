import { DomainError } from '../../domain/shared/domain-error.js';
import { OtpPurpose, otpMessage } from '../../signing/one-time-password.js';
import { findOtpForUpdate } from '../../storage/one-time-password.repository.js';
import type { IdentityServices } from './identity-services.js';
import {
  issueOneTimePasswordInTransaction,
  type IssuedOneTimePassword,
} from './issue-one-time-password.js';

/** How long after a sign-in's code was sent a new one may be asked for without the password. */
export const loginResendWindowMs = 15 * 60_000;

/**
 * "Send a new code" on the sign-in's code page (issue 18): the citizen whose code expired or
 * was mistyped three times gets a new one to the same phone, for the same account, without
 * typing the password again — as long as the sign-in is fresh (its code was sent less than
 * {@link loginResendWindowMs} ago) and was not completed. The new code supersedes the old one
 * and counts against the phone's limits like any other (`otp_send_limit`, `otp_guess_limit`:
 * DomainError('rate_limited') with retryAfterSeconds); it is audited as `otp.issued`. A stale,
 * used or unknown challenge is DomainError('unauthenticated', { reason: 'otp_expired' }): sign
 * in again.
 */
export async function resendCitizenLoginCode(
  services: IdentityServices,
  input: { challengeId: string },
  now: Date,
): Promise<IssuedOneTimePassword> {
  let phone = '';
  const issued = await services.db.transaction().execute(async (trx) => {
    const previous = await findOtpForUpdate(trx, input.challengeId);
    const isFresh =
      previous !== undefined &&
      previous.purpose === OtpPurpose.login &&
      previous.citizenAccountId !== null &&
      previous.status !== 'used' &&
      now.getTime() - previous.createdAt.getTime() < loginResendWindowMs;
    if (!isFresh || !previous?.citizenAccountId) {
      throw new DomainError('unauthenticated', { reason: 'otp_expired' });
    }
    phone = previous.phone;
    return issueOneTimePasswordInTransaction(
      trx,
      services,
      {
        phone: previous.phone,
        purpose: OtpPurpose.login,
        citizenAccountId: previous.citizenAccountId,
        actor: { kind: 'citizen', id: previous.citizenAccountId },
      },
      now,
    );
  });
  await services.sms.send({ phone, text: otpMessage(issued.code, OtpPurpose.login) });
  return {
    challengeId: issued.challengeId,
    expiresAt: issued.expiresAt,
    maskedPhone: issued.maskedPhone,
  };
}
