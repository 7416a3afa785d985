import type { LocalizedText } from '../shared/locale.js';
import { computeCheckDigit, toDigits } from './check-digit.js';
import {
  describeIdentityNumberIssue,
  IdentityNumberIssue,
  type IdentityNumberKind,
} from './identity-number-issue.js';

/** Sex as the IIN (ЖСН) encodes it in its 7th digit: odd male, even female. */
export const Sex = { male: 'male', female: 'female' } as const;
export type Sex = (typeof Sex)[keyof typeof Sex];

/** What a valid IIN tells: the number itself, the date of birth and the sex. */
export interface IinFacts {
  readonly iin: string;
  /** 'YYYY-MM-DD' */
  readonly birthDate: string;
  readonly sex: Sex;
}

/** The outcome of a check of a 12-digit identification number: valid, or an issue with messages. */
export type IdentityNumberCheck<Facts> =
  | ({ readonly isValid: true } & Facts)
  | {
      readonly isValid: false;
      readonly code: IdentityNumberIssue;
      readonly message: LocalizedText;
    };

export type IinCheck = IdentityNumberCheck<IinFacts>;

/** The first digit of the year for each value of the 7th digit (1–6): 18xx, 19xx, 20xx. */
const centuryByDigit: Readonly<Record<number, { century: number; sex: Sex }>> = {
  1: { century: 1800, sex: Sex.male },
  2: { century: 1800, sex: Sex.female },
  3: { century: 1900, sex: Sex.male },
  4: { century: 1900, sex: Sex.female },
  5: { century: 2000, sex: Sex.male },
  6: { century: 2000, sex: Sex.female },
};

/** Fails a check with the code and its localised message. */
export function failIdentityNumber(
  kind: IdentityNumberKind,
  code: IdentityNumberIssue,
): { isValid: false; code: IdentityNumberIssue; message: LocalizedText } {
  return { isValid: false, code, message: describeIdentityNumberIssue(kind, code) };
}

/**
 * Shape and check digit, shared by IIN and BIN: 12 decimal digits whose 12th is the
 * control digit of the first 11. Returns the digits, or the first issue found.
 */
export function checkShapeAndControl(
  value: string,
): { digits: number[] } | { issue: IdentityNumberIssue } {
  if (value.length !== 12) return { issue: IdentityNumberIssue.wrongLength };
  if (!/^[0-9]{12}$/.test(value)) return { issue: IdentityNumberIssue.notDigits };
  return { digits: toDigits(value) };
}

/** The control digit verdict for 12 digits: undefined when it matches. */
export function checkControlDigit(digits: readonly number[]): IdentityNumberIssue | undefined {
  const expected = computeCheckDigit(digits);
  if (expected === undefined) return IdentityNumberIssue.unusableNumber;
  return expected === digits[11] ? undefined : IdentityNumberIssue.wrongCheckDigit;
}

/** Whether year-month-day is a real Gregorian calendar date. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * Checks an IIN (ИИН / ЖСН): 12 digits; digits 1–6 the date of birth YYMMDD; digit 7
 * the century of birth and sex (1/2 — 19th century, 3/4 — 20th, 5/6 — 21st; odd male,
 * even female); digits 8–11 a serial; digit 12 the control digit (weights 1..11, then
 * 3..11,1,2; a second 10 means the number is never issued).
 * Surrounding whitespace is not trimmed: callers normalise input first.
 */
export function checkIin(value: string): IinCheck {
  const shape = checkShapeAndControl(value);
  if ('issue' in shape) return failIdentityNumber('iin', shape.issue);
  const { digits } = shape;
  const centuryDigit = centuryByDigit[digits[6] ?? 0];
  if (!centuryDigit) return failIdentityNumber('iin', IdentityNumberIssue.wrongCenturyDigit);
  const year = centuryDigit.century + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (!isRealDate(year, month, day)) {
    return failIdentityNumber('iin', IdentityNumberIssue.impossibleBirthDate);
  }
  const control = checkControlDigit(digits);
  if (control) return failIdentityNumber('iin', control);
  return {
    isValid: true,
    iin: value,
    birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    sex: centuryDigit.sex,
  };
}

/** Whether `value` is a valid IIN. */
export function isValidIin(value: string): boolean {
  return checkIin(value).isValid;
}

/**
 * The date of birth and sex encoded in a valid IIN; undefined when the IIN is invalid.
 * Use {@link checkIin} to learn why.
 */
export function findIinFacts(value: string): IinFacts | undefined {
  const check = checkIin(value);
  return check.isValid ? { iin: check.iin, birthDate: check.birthDate, sex: check.sex } : undefined;
}
