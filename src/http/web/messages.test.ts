import { describe, expect, it } from 'vitest';
import { formatMonthDay } from './messages.js';

// Issue 19: the intake round's window read «05-01 — 06-30»; a day of the year is shown in words.
describe('formatMonthDay', () => {
  it.each([
    ['05-01', 'kk', '1 мамыр'],
    ['05-01', 'ru', '1 мая'],
    ['05-01', 'en', '1 May'],
    ['06-30', 'kk', '30 маусым'],
    ['06-30', 'ru', '30 июня'],
    ['06-30', 'en', '30 June'],
    ['01-09', 'ru', '9 января'],
    ['12-31', 'kk', '31 желтоқсан'],
    ['08-15', 'ru', '15 августа'],
  ] as const)('%s in %s is «%s»', (monthDay, locale, expected) => {
    expect(formatMonthDay(monthDay, locale)).toBe(expected);
  });

  it.each(['13-01', '00-10', '05-00', '05-32', '5-1', '2027-05-01', ''])(
    'leaves %j, which is not a day of the year, as it is',
    (text) => {
      expect(formatMonthDay(text, 'ru')).toBe(text);
    },
  );
});
