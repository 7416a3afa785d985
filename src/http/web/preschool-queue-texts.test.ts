import { describe, expect, it } from 'vitest';
import { groupLabel } from './preschool-queue-texts.js';

describe('groupLabel: a group as a parent reads it', () => {
  it.each([
    ['kk', 'kk', '2–3 жас, қазақ тілі'],
    ['kk', 'ru', '2–3 лет, казахский'],
    ['ru', 'kk', '2–3 жас, орыс тілі'],
    ['ru', 'ru', '2–3 лет, русский'],
    ['ru', 'en', '2–3 years, Russian'],
  ] as const)('a %s-language group on a %s page: %s', (language, locale, expected) => {
    expect(groupLabel({ ageFrom: 2, ageTo: 3, language }, locale)).toBe(expected);
  });
});
