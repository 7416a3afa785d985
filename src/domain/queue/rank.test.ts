import { describe, expect, it } from 'vitest';
import { child, testRules } from './queue-fixtures.js';
import {
  compareQueueChildren,
  agedOutBornBy,
  fullYears,
  hasAgedOut,
  isInAgeWindow,
  isInIntakeRound,
  rankQueue,
  type QueueChild,
} from './rank.js';

const day = '2026-12-04';
const at = (iso: string) => Date.parse(iso);

describe('the queue order', () => {
  const cases: [string, QueueChild[], string[]][] = [
    [
      'category first: extraordinary, primary, general, whatever the registration time',
      [
        child('g', { registeredAt: at('2024-01-01T00:00:00Z') }),
        child('p', {
          category: 'primary',
          privilege: 'confirmed',
          registeredAt: at('2026-01-01T00:00:00Z'),
        }),
        child('e', {
          category: 'extraordinary',
          privilege: 'confirmed',
          registeredAt: at('2026-11-01T00:00:00Z'),
        }),
      ],
      ['e', 'p', 'g'],
    ],
    [
      'within a category, the registration date and time',
      [
        child('late', { registeredAt: at('2026-03-01T10:00:01Z') }),
        child('early', { registeredAt: at('2026-03-01T10:00:00Z') }),
      ],
      ['early', 'late'],
    ],
    [
      'the same second: the slip number decides, then the id',
      [
        child('b', { number: 'Q-2', registeredAt: at('2026-03-01T10:00:00Z') }),
        child('a', { number: 'Q-1', registeredAt: at('2026-03-01T10:00:00Z') }),
        child('c', { number: 'Q-1', registeredAt: at('2026-03-01T10:00:00Z') }),
      ],
      ['a', 'c', 'b'],
    ],
    [
      'a pending privilege ranks by its category until the deadline',
      [
        child('g', { registeredAt: at('2025-01-01T00:00:00Z') }),
        child('p', {
          category: 'primary',
          privilege: 'pending',
          registeredAt: at('2026-01-01T00:00:00Z'),
        }),
      ],
      ['p', 'g'],
    ],
    [
      'a lost privilege returns the child to the general queue at its original registration time',
      [
        child('g-late', { registeredAt: at('2026-02-01T00:00:00Z') }),
        child('lost', {
          category: 'primary',
          privilege: 'lost',
          registeredAt: at('2026-01-01T00:00:00Z'),
        }),
        child('g-early', { registeredAt: at('2025-12-01T00:00:00Z') }),
        child('p', {
          category: 'primary',
          privilege: 'confirmed',
          registeredAt: at('2026-06-01T00:00:00Z'),
        }),
      ],
      ['p', 'g-early', 'lost', 'g-late'],
    ],
  ];
  it.each(cases)('%s', (_name, children, expected) => {
    expect(rankQueue(children, day, testRules).map((entry) => entry.child.id)).toEqual(expected);
    expect(
      [...children]
        .reverse()
        .sort(compareQueueChildren)
        .map((entry) => entry.id),
    ).toEqual(expected);
  });

  it('numbers the positions from 1 and shows the category used', () => {
    const ranked = rankQueue(
      [child('x'), child('y', { category: 'primary', privilege: 'lost', registeredAt: 0 })],
      day,
      testRules,
    );
    expect(ranked.map((entry) => [entry.child.id, entry.position, entry.category])).toEqual([
      ['y', 1, 'general'],
      ['x', 2, 'general'],
    ]);
  });
});

describe('the age window (from 2, until 7)', () => {
  const cases: [string, string, number, boolean][] = [
    ['one day before the second birthday', '2024-12-05', 1, false],
    ['on the second birthday', '2024-12-04', 2, true],
    ['six years old', '2020-12-05', 5, true],
    ['the day before the seventh birthday', '2019-12-05', 6, true],
    ['on the seventh birthday: leaves the queue', '2019-12-04', 7, false],
    ['a leap-day birth on 28 February', '2024-02-29', 2, true],
  ];
  it.each(cases)('%s', (_name, birthDate, years, moving) => {
    expect(fullYears(birthDate, day)).toBe(years);
    expect(isInAgeWindow({ birthDate }, day, testRules)).toBe(moving);
  });
  it('an unreadable birth date is never in the window', () => {
    expect(isInAgeWindow({ birthDate: '04.12.2023' }, day, testRules)).toBe(false);
  });
});

describe('leaving the queue at 7 (the end of the age window)', () => {
  const cases: [string, string, string, boolean][] = [
    ['the day before the seventh birthday', '2019-12-05', '2026-12-04', false],
    ['on the seventh birthday', '2019-12-04', '2026-12-04', true],
    ['long past it', '2018-01-01', '2026-12-04', true],
    ['two years old', '2024-12-04', '2026-12-04', false],
    ['a leap-day birth, on 28 February of its seventh year', '2020-02-29', '2027-02-28', false],
    ['a leap-day birth, on 1 March of its seventh year', '2020-02-29', '2027-03-01', true],
  ];
  it.each(cases)('%s', (_name, birthDate, on, agedOut) => {
    expect(hasAgedOut({ birthDate }, on, testRules)).toBe(agedOut);
    // The query's bound never leaves out a child who aged out.
    if (agedOut) expect(birthDate <= agedOutBornBy(on, testRules)).toBe(true);
  });
  it.each([
    ['2026-12-04', '2019-12-04'],
    ['2028-02-29', '2021-03-01'],
    ['2032-02-29', '2025-03-01'],
    ['2031-02-28', '2024-02-28'],
  ])('the birth-date bound on %s is %s', (on, bound) => {
    expect(agedOutBornBy(on, testRules)).toBe(bound);
  });
  it('refuses an unreadable day', () => {
    expect(() => agedOutBornBy('04.12.2026', testRules)).toThrow(RangeError);
  });
});

describe('the yearly intake round (May–June here)', () => {
  const round = {
    intakeRound: {
      value: { from: '05-01', until: '06-30' },
      citation: { source: 't', point: 't' },
    },
  };
  it.each([
    ['the day before', '2027-04-30', false],
    ['its first day', '2027-05-01', true],
    ['inside', '2027-06-15', true],
    ['its last day', '2027-06-30', true],
    ['the day after', '2027-07-01', false],
    ['December', '2026-12-04', false],
  ])('%s (%s): %s', (_name, day, inside) => {
    expect(isInIntakeRound(day, round)).toBe(inside);
  });
  it('a region without a round allocates continuously', () => {
    expect(isInIntakeRound('2027-05-15', {})).toBe(false);
  });
});
