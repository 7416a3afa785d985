import type { LocalizedText } from '../shared/locale.js';

/**
 * A Kazakhstan mobile number in the form +7XXXXXXXXXX, from what people type:
 * "+7 701 123-45-67", "8 701 1234567", "77011234567". Undefined when it is not one.
 */
export function normalisePhone(input: string): string | undefined {
  const digits = input.replace(/[\s()-]/g, '');
  const match = /^(?:\+7|8|7)(\d{10})$/.exec(digits);
  return match ? `+7${match[1]}` : undefined;
}

/** Why a password is refused at registration or reset. */
export const PasswordIssue = {
  tooShort: 'too_short',
  tooLong: 'too_long',
  needsLetterAndDigit: 'needs_letter_and_digit',
} as const;
export type PasswordIssue = (typeof PasswordIssue)[keyof typeof PasswordIssue];

export const passwordMinLength = 8;
export const passwordMaxLength = 128;

/** The first rule a new password breaks, or undefined when it is acceptable. */
export function checkNewPassword(password: string): PasswordIssue | undefined {
  if (password.length < passwordMinLength) return PasswordIssue.tooShort;
  if (password.length > passwordMaxLength) return PasswordIssue.tooLong;
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password))
    return PasswordIssue.needsLetterAndDigit;
  return undefined;
}

/** The user message for a password issue. */
export function describePasswordIssue(issue: PasswordIssue): LocalizedText {
  switch (issue) {
    case PasswordIssue.tooShort:
      return {
        kk: `Құпиясөз кемінде ${passwordMinLength} таңбадан тұруы тиіс.`,
        ru: `Пароль должен содержать не менее ${passwordMinLength} символов.`,
        en: `The password must have at least ${passwordMinLength} characters.`,
      };
    case PasswordIssue.tooLong:
      return {
        kk: `Құпиясөз ${passwordMaxLength} таңбадан аспауы тиіс.`,
        ru: `Пароль должен содержать не более ${passwordMaxLength} символов.`,
        en: `The password must have at most ${passwordMaxLength} characters.`,
      };
    case PasswordIssue.needsLetterAndDigit:
      return {
        kk: 'Құпиясөзде кемінде бір әріп және бір цифр болуы тиіс.',
        ru: 'Пароль должен содержать хотя бы одну букву и одну цифру.',
        en: 'The password must contain at least one letter and one digit.',
      };
  }
}
