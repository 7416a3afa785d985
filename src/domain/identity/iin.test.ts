import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIin, findIinFacts, isValidIin } from './iin.js';
import { createIinGenerator, generateIin } from './identity-number-generator.js';

// Check digits below are worked by hand: e.g. 88021530001 → 8·1+8·2+0·3+2·4+1·5+5·6+3·7+0·8+0·9+0·10+1·11
// = 99 ≡ 0 (mod 11) → 880215300010.
const valid = [
  { iin: '880215300010', birthDate: '1988-02-15', sex: 'male', note: 'first weights' },
  { iin: '000229500008', birthDate: '2000-02-29', sex: 'male', note: 'leap day 2000' },
  { iin: '961231456783', birthDate: '1996-12-31', sex: 'female', note: 'last day of year' },
  { iin: '151008500009', birthDate: '2015-10-08', sex: 'male', note: '21st century male' },
  { iin: '470522600013', birthDate: '2047-05-22', sex: 'female', note: '21st century female' },
  {
    iin: '900101401238',
    birthDate: '1990-01-01',
    sex: 'female',
    note: 'second weights (first gives 10)',
  },
  { iin: '750101300511', birthDate: '1975-01-01', sex: 'male', note: 'second weights' },
] as const;

const invalid = [
  { iin: '880215300011', code: 'wrong_check_digit', note: 'check digit off by one' },
  {
    iin: '900101401230',
    code: 'wrong_check_digit',
    note: 'first-weights digit where second applies',
  },
  { iin: '75010130050' + '0', code: 'unusable_number', note: 'both weight sequences give 10' },
  { iin: '880230300010', code: 'impossible_birth_date', note: '30 February' },
  { iin: '010229500000', code: 'impossible_birth_date', note: '29 February 2001' },
  { iin: '001329300000', code: 'impossible_birth_date', note: 'month 13' },
  { iin: '880200300010', code: 'impossible_birth_date', note: 'day 00' },
  { iin: '880215700010', code: 'wrong_century_digit', note: 'seventh digit 7' },
  { iin: '880215000010', code: 'wrong_century_digit', note: 'seventh digit 0' },
  { iin: '88021530001', code: 'wrong_length', note: '11 digits' },
  { iin: '8802153000100', code: 'wrong_length', note: '13 digits' },
  { iin: '', code: 'wrong_length', note: 'empty' },
  { iin: '88021530001A', code: 'not_digits', note: 'letter' },
  { iin: '880215 00010', code: 'not_digits', note: 'space inside' },
  { iin: '８８０２１５３０００１０', code: 'not_digits', note: 'full-width digits' },
] as const;

describe('checkIin', () => {
  it.each(valid)('accepts $iin ($note)', ({ iin, birthDate, sex }) => {
    expect(checkIin(iin)).toEqual({ isValid: true, iin, birthDate, sex });
    expect(isValidIin(iin)).toBe(true);
    expect(findIinFacts(iin)).toEqual({ iin, birthDate, sex });
  });

  it.each(invalid)('rejects $iin: $code ($note)', ({ iin, code }) => {
    const check = checkIin(iin);
    expect(check.isValid).toBe(false);
    if (check.isValid) return;
    expect(check.code).toBe(code);
    expect(check.message.ru).toMatch(/ИИН/);
    expect(check.message.kk).toMatch(/ЖСН/);
    expect(check.message.en).toMatch(/IIN/);
    expect(findIinFacts(iin)).toBeUndefined();
  });

  it('parses the century and sex from the seventh digit', () => {
    const cases = [
      ['1', '1888', 'male'],
      ['2', '1888', 'female'],
      ['3', '1988', 'male'],
      ['4', '1988', 'female'],
      ['5', '2088', 'male'],
      ['6', '2088', 'female'],
    ] as const;
    for (const [digit, year, sex] of cases) {
      const iin = generateIin(`${year}-03-04`, sex);
      expect(iin[6]).toBe(digit);
      expect(findIinFacts(iin)).toMatchObject({ birthDate: `${year}-03-04`, sex });
    }
  });
});

describe('IIN generator', () => {
  it('always produces valid IINs that encode the requested date and sex', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1800-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('male', 'female' as const),
        fc.integer({ min: 0, max: 9999 }),
        (date, sex, serial) => {
          const birthDate = date.toISOString().slice(0, 10);
          const iin = generateIin(birthDate, sex, serial);
          expect(checkIin(iin)).toEqual({ isValid: true, iin, birthDate, sex });
        },
      ),
    );
  });

  it('rejects every other value of the check digit of a valid IIN', () => {
    const next = createIinGenerator(7);
    for (let n = 0; n < 500; n += 1) {
      const { iin } = next();
      const body = iin.slice(0, 11);
      const others = Array.from({ length: 10 }, (_, digit) => body + digit).filter(
        (v) => v !== iin,
      );
      expect(others.filter(isValidIin)).toEqual([]);
    }
  });

  it('is deterministic for a seed', () => {
    const a = createIinGenerator(42);
    const b = createIinGenerator(42);
    const fromA = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(fromA);
    for (const person of fromA) expect(isValidIin(person.iin)).toBe(true);
  });
});
