import type { Transaction } from 'kysely';
import { DomainError } from '../../domain/shared/domain-error.js';
import { maskPhone } from '../../integrations/sms/sms-sender.js';
import {
  generateOtpCode,
  generateOtpSalt,
  hashOtpCode,
  otpMessage,
  type OtpPurpose,
} from '../../signing/one-time-password.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import {
  countOtpSentSince,
  countOtpWrongAttemptsSince,
  insertOtp,
  lockPhone,
  supersedePendingOtps,
} from '../../storage/one-time-password.repository.js';
import type { Tables } from '../../storage/schema.js';
import { otpPolicyOf, type IdentityServices } from './identity-services.js';

export interface IssuedOneTimePassword {
  /** The challenge id the client sends back with the code. */
  readonly challengeId: string;
  readonly expiresAt: Date;
  /** The phone with the middle digits hidden, to show on screen. */
  readonly maskedPhone: string;
}

export interface OneTimePasswordRequest {
  readonly phone: string;
  readonly purpose: OtpPurpose;
  readonly citizenAccountId?: string;
  /** What the code confirms, e.g. the application id for certify_application. */
  readonly subjectId?: string;
  readonly actor: AuditActor;
}

/**
 * Issues a 6-digit code inside the caller's transaction: enforces the send limit per phone
 * and the limit of wrong codes per phone (DomainError('rate_limited', { reason:
 * 'otp_send_limit' | 'otp_guess_limit', retryAfterSeconds })), supersedes earlier pending codes for
 * the same purpose and subject, stores only the salted hash, audits, and returns the code
 * to be sent after commit.
 */
export async function issueOneTimePasswordInTransaction(
  trx: Transaction<Tables>,
  services: IdentityServices,
  request: OneTimePasswordRequest,
  now: Date,
): Promise<IssuedOneTimePassword & { code: string }> {
  const policy = otpPolicyOf(services);
  await lockPhone(trx, request.phone);
  const windowStart = new Date(now.getTime() - policy.sendWindowMs);
  const sent = await countOtpSentSince(trx, request.phone, windowStart);
  if (sent.count >= policy.maxSendsPerWindow) {
    const freesAt = (sent.oldest ?? now).getTime() + policy.sendWindowMs;
    throw new DomainError(
      'rate_limited',
      {
        reason: 'otp_send_limit',
        limit: policy.maxSendsPerWindow,
        retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)),
      },
      `too many one-time passwords sent to ${maskPhone(request.phone)}`,
      true,
    );
  }
  const wrong = await countOtpWrongAttemptsSince(trx, request.phone, windowStart);
  if (wrong.wrong + policy.maxAttempts > policy.maxWrongCodesPerWindow) {
    const freesAt = (wrong.oldest ?? now).getTime() + policy.sendWindowMs;
    throw new DomainError(
      'rate_limited',
      {
        reason: 'otp_guess_limit',
        limit: policy.maxWrongCodesPerWindow,
        retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)),
      },
      `too many wrong one-time passwords for ${maskPhone(request.phone)}`,
      true,
    );
  }
  const subjectId = request.subjectId ?? null;
  await supersedePendingOtps(trx, { phone: request.phone, purpose: request.purpose, subjectId });
  const code = generateOtpCode();
  const codeSalt = generateOtpSalt();
  const expiresAt = new Date(now.getTime() + policy.ttlMs);
  const challengeId = await insertOtp(trx, {
    phone: request.phone,
    purpose: request.purpose,
    citizenAccountId: request.citizenAccountId ?? null,
    subjectId,
    codeSalt,
    codeHash: hashOtpCode(code, codeSalt),
    createdAt: now,
    expiresAt,
    maxAttempts: policy.maxAttempts,
  });
  await appendAudit(trx, {
    occurredAt: now,
    actor: request.actor,
    action: 'otp.issued',
    subjectType: 'one_time_password',
    subjectId: challengeId,
    details: { purpose: request.purpose, phone: maskPhone(request.phone), for: subjectId },
  });
  return { challengeId, expiresAt, maskedPhone: maskPhone(request.phone), code };
}

/**
 * Issues a one-time password in its own transaction and sends it by SMS after commit
 * (002: the one-time password goes to the phone number registered on the portal).
 */
export async function issueOneTimePassword(
  services: IdentityServices,
  request: OneTimePasswordRequest,
  now: Date,
): Promise<IssuedOneTimePassword> {
  const issued = await services.db
    .transaction()
    .execute((trx) => issueOneTimePasswordInTransaction(trx, services, request, now));
  await services.sms.send({ phone: request.phone, text: otpMessage(issued.code, request.purpose) });
  return {
    challengeId: issued.challengeId,
    expiresAt: issued.expiresAt,
    maskedPhone: issued.maskedPhone,
  };
}
