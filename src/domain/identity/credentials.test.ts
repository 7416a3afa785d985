import { describe, expect, it } from 'vitest';
import { checkNewPassword, describePasswordIssue, normalisePhone } from './credentials.js';

describe('normalisePhone', () => {
  it.each([
    ['+7 701 123-45-67', '+77011234567'],
    ['8 (701) 123 45 67', '+77011234567'],
    ['77011234567', '+77011234567'],
    ['+77011234567', '+77011234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });
  it.each(['', '12345', '+1 202 555 0100', '+7701123456a', '+770112345678'])(
    'refuses %s',
    (input) => {
      expect(normalisePhone(input)).toBeUndefined();
    },
  );
});

describe('checkNewPassword', () => {
  it.each([
    ['Qazaq2026', undefined],
    ['Қазақстан1', undefined],
    ['short1', 'too_short'],
    ['onlyletters', 'needs_letter_and_digit'],
    ['1234567890', 'needs_letter_and_digit'],
    ['a1'.repeat(65), 'too_long'],
  ] as const)('%s → %s', (password, issue) => {
    expect(checkNewPassword(password)).toBe(issue);
  });
  it('describes each issue in kk, ru and en', () => {
    const message = describePasswordIssue('too_short');
    expect(message.ru).toContain('8');
    expect(message.kk).toContain('Құпиясөз');
  });
});
