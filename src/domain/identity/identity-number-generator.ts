import { computeCheckDigit, toDigits } from './check-digit.js';
import { Sex } from './iin.js';

/**
 * A small deterministic pseudo-random source (mulberry32): the same seed gives the
 * same sequence, so synthetic people are the same on every run.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function centuryDigit(year: number, sex: Sex): number {
  const base = year >= 2000 ? 5 : year >= 1900 ? 3 : 1;
  return sex === Sex.male ? base : base + 1;
}

/**
 * A valid synthetic IIN for a birth date ('YYYY-MM-DD', years 1800–2099) and sex.
 * `serial` (0–9999) picks digits 8–11; when its prefix can never be completed
 * (control sum 10 twice) the next serial is used, so the result is always valid.
 */
export function generateIin(birthDate: string, sex: Sex, serial = 0): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) throw new RangeError(`birth date must be YYYY-MM-DD, got ${birthDate}`);
  const year = Number(match[1]);
  if (year < 1800 || year > 2099) throw new RangeError(`birth year out of range: ${year}`);
  const prefix = `${match[1]!.slice(2)}${match[2]}${match[3]}${centuryDigit(year, sex)}`;
  for (let attempt = 0; attempt < 10_000; attempt += 1) {
    const body = prefix + pad((serial + attempt) % 10_000, 4);
    const check = computeCheckDigit(toDigits(body));
    if (check !== undefined) return body + String(check);
  }
  throw new RangeError(`no valid IIN for ${birthDate}`);
}

/**
 * A valid synthetic BIN: registration 'YYYY-MM', entity type digit (4, 5, 6),
 * unit kind digit (0, 1, 2, 4), and a serial (0–99999) for digits 7–11.
 */
export function generateBin(
  registeredYearMonth: string,
  serial = 0,
  entityTypeDigit: 4 | 5 | 6 = 4,
  unitKindDigit: 0 | 1 | 2 | 4 = 0,
): string {
  const match = /^\d{2}(\d{2})-(\d{2})$/.exec(registeredYearMonth);
  if (!match) throw new RangeError(`registration must be YYYY-MM, got ${registeredYearMonth}`);
  const prefix = `${match[1]}${match[2]}${entityTypeDigit}${unitKindDigit}`;
  for (let attempt = 0; attempt < 100_000; attempt += 1) {
    const body = prefix + pad((serial + attempt) % 100_000, 5);
    const check = computeCheckDigit(toDigits(body));
    if (check !== undefined) return body + String(check);
  }
  throw new RangeError(`no valid BIN for ${registeredYearMonth}`);
}

/**
 * A generator of random valid IINs from a seed: birth dates uniformly between
 * `fromYear` and `toYear` (inclusive), either sex. Deterministic for a given seed.
 */
export function createIinGenerator(
  seed: number,
  fromYear = 1950,
  toYear = 2020,
): () => { iin: string; birthDate: string; sex: Sex } {
  const random = createSeededRandom(seed);
  return () => {
    const year = fromYear + Math.floor(random() * (toYear - fromYear + 1));
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const sex = random() < 0.5 ? Sex.male : Sex.female;
    const birthDate = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    return { iin: generateIin(birthDate, sex, Math.floor(random() * 10_000)), birthDate, sex };
  };
}
