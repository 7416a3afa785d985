import { describe, expect, it } from 'vitest';
import { checkBin, isValidBin } from './bin.js';
import { generateBin } from './identity-number-generator.js';

const valid = [
  {
    bin: '150540000126',
    registeredYearMonth: '15-05',
    entityType: 'resident_legal_entity',
    unitKind: 'head_office',
  },
  {
    bin: '991240123455',
    registeredYearMonth: '99-12',
    entityType: 'resident_legal_entity',
    unitKind: 'head_office',
  },
  {
    bin: '070141000010',
    registeredYearMonth: '07-01',
    entityType: 'resident_legal_entity',
    unitKind: 'branch',
  },
  {
    bin: '200260005008',
    registeredYearMonth: '20-02',
    entityType: 'joint_entrepreneurship',
    unitKind: 'head_office',
  },
  {
    bin: '101044000034',
    registeredYearMonth: '10-10',
    entityType: 'resident_legal_entity',
    unitKind: 'peasant_farm',
  },
] as const;

const invalid = [
  { bin: '150540000127', code: 'wrong_check_digit', note: 'check digit off by one' },
  { bin: '151340000126', code: 'impossible_registration_month', note: 'month 13' },
  { bin: '150040000126', code: 'impossible_registration_month', note: 'month 00' },
  { bin: '150530000126', code: 'unknown_entity_type', note: 'type digit 3' },
  { bin: '150570000126', code: 'unknown_entity_type', note: 'type digit 7' },
  { bin: '150543000126', code: 'unknown_unit_kind', note: 'unit digit 3' },
  { bin: '150549000126', code: 'unknown_unit_kind', note: 'unit digit 9' },
  { bin: '15054000012', code: 'wrong_length', note: '11 digits' },
  { bin: '1505400001260', code: 'wrong_length', note: '13 digits' },
  { bin: '15054000012Б', code: 'not_digits', note: 'Cyrillic letter' },
] as const;

describe('checkBin', () => {
  it.each(valid)('accepts $bin', (expected) => {
    expect(checkBin(expected.bin)).toEqual({ isValid: true, ...expected });
    expect(isValidBin(expected.bin)).toBe(true);
  });

  it.each(invalid)('rejects $bin: $code ($note)', ({ bin, code }) => {
    const check = checkBin(bin);
    expect(check.isValid).toBe(false);
    if (check.isValid) return;
    expect(check.code).toBe(code);
    expect(check.message.ru).toMatch(/БИН/);
    expect(check.message.kk).toMatch(/БСН/);
  });

  it('generates valid BINs for every type and unit kind', () => {
    for (const type of [4, 5, 6] as const) {
      for (const unit of [0, 1, 2, 4] as const) {
        for (let serial = 0; serial < 50; serial += 1) {
          const bin = generateBin('2016-06', serial * 37, type, unit);
          expect(isValidBin(bin), bin).toBe(true);
        }
      }
    }
  });
});
