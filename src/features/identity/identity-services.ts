import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { SmsSender } from '../../integrations/sms/sms-sender.js';
import { defaultOtpPolicy, type OtpPolicy } from '../../signing/one-time-password.js';
import type { Database } from '../../storage/db.js';
import { passwordMaxLength } from '../../domain/identity/credentials.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';

/** What the identity use cases need from their surroundings. */
export interface IdentityServices {
  readonly db: Database;
  readonly sms: SmsSender;
  readonly otpPolicy?: OtpPolicy;
  /** Lifetime of a session; default 12 hours. */
  readonly sessionTtlMs?: number;
  /** Wrong passwords before an account is locked, and for how long. */
  readonly loginPolicy?: LoginPolicy;
}

export interface LoginPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
}

export const defaultLoginPolicy: LoginPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

export const defaultSessionTtlMs = 12 * 60 * 60_000;

export const otpPolicyOf = (services: IdentityServices): OtpPolicy =>
  services.otpPolicy ?? defaultOtpPolicy;

/**
 * Refuses a password longer than any acceptable one before it is hashed: hashing a
 * 100 MB "password" cost 2 s of CPU a request (issue 16, defect 3).
 * @throws DomainError(validation_failed, rule too_long)
 */
function requireBoundedPassword(password: string): void {
  if (password.length > passwordMaxLength) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'password', rule: 'too_long', params: { max: passwordMaxLength } }],
    });
  }
}

/** argon2id hash of a password (library defaults: m=19 MiB, t=2, p=1); at most 128 characters. */
export async function hashPassword(password: string): Promise<string> {
  requireBoundedPassword(password);
  return hash(password);
}

// A valid hash to verify against when the account does not exist, so that the answer
// takes as long as for a real account (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;

/** Whether `password` matches `passwordHash`; runs a full verification even without an account. */
export async function checkPassword(
  password: string,
  passwordHash: string | undefined,
): Promise<boolean> {
  requireBoundedPassword(password);
  if (passwordHash === undefined) {
    dummyHash ??= hash('not-a-password-0');
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A new session token (256 random bits, base64url) and the hash stored for it. */
export function createSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

/** SHA-256 (hex) of a session token: the database never holds the token itself. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
