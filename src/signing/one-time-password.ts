import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { OtpRejection, describeOtpRejection } from '../domain/identity/otp-rejection.js';

/**
 * One-time passwords sent to the phone registered on the portal: an accepted way to
 * confirm a login and to certify a portal application (002: "одноразовый пароль").
 */
export const OtpPurpose = {
  login: 'login',
  certifyApplication: 'certify_application',
  passwordReset: 'password_reset',
  /** consent to the digital documents service releasing a document (002) */
  registryConsent: 'registry_consent',
  /** proof of the IIN at registration, sent to the phone БМГ holds for it */
  register: 'register',
  /** the parent accepts a kindergarten place offered from the queue (issue 19) */
  acceptOffer: 'accept_offer',
} as const;
export type OtpPurpose = (typeof OtpPurpose)[keyof typeof OtpPurpose];

/** Limits of one-time passwords; pass your own to features to change them. */
export interface OtpPolicy {
  /** How long a code stays valid. */
  readonly ttlMs: number;
  /** Wrong codes allowed before the code is dead. */
  readonly maxAttempts: number;
  /** Codes sent to one phone within `sendWindowMs` (every purpose together). */
  readonly maxSendsPerWindow: number;
  /**
   * Wrong codes typed for one phone within `sendWindowMs`, all its codes together: a new code
   * is sent only while its `maxAttempts` still fit. This, not the number of codes, bounds
   * what guessing can achieve.
   */
  readonly maxWrongCodesPerWindow: number;
  readonly sendWindowMs: number;
}

/**
 * Sized for real use (issue 18): a citizen who signs in, certifies a few applications and
 * asks for a new code now and then needs more than 5 codes an hour (the old limit, shared by
 * sign-in and certification, locked people out). The protection is unchanged: at most 15 wrong
 * codes per phone per hour — exactly what 5 codes of 3 attempts allowed — so a guesser's chance
 * stays 15 in a million an hour, however many codes are sent.
 */
export const defaultOtpPolicy: OtpPolicy = {
  ttlMs: 5 * 60_000,
  maxAttempts: 3,
  maxSendsPerWindow: 10,
  maxWrongCodesPerWindow: 15,
  sendWindowMs: 60 * 60_000,
};

/** A fresh 6-digit code from the cryptographic random source. */
export function generateOtpCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** A fresh random salt (hex) for one code. */
export function generateOtpSalt(): string {
  return randomBytes(16).toString('hex');
}

/** SHA-256 (hex) of salt and code: only this is stored, never the code. */
export function hashOtpCode(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

/** Compares a code with a stored hash in constant time. */
export function matchesOtpCode(code: string, salt: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashOtpCode(code.trim(), salt), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export { OtpRejection, describeOtpRejection };

/** The SMS text carrying a code, in kk and ru (both go in one message). */
export function otpMessage(code: string, purpose: OtpPurpose): string {
  const what: Record<OtpPurpose, { kk: string; ru: string }> = {
    login: { kk: 'жүйеге кіру', ru: 'вход в систему' },
    certify_application: { kk: 'өтінішке қол қою', ru: 'подписание заявления' },
    password_reset: { kk: 'құпиясөзді қалпына келтіру', ru: 'восстановление пароля' },
    registry_consent: { kk: 'деректерге қол жеткізуге келісім', ru: 'согласие на доступ к данным' },
    register: { kk: 'порталда тіркелу', ru: 'регистрация на портале' },
    accept_offer: { kk: 'балабақшадағы орынды қабылдау', ru: 'согласие на место в детском саду' },
  };
  return `Qyzmet: ${code} — ${what[purpose].kk} / ${what[purpose].ru}. Кодты ешкімге айтпаңыз / Никому не сообщайте код.`;
}
