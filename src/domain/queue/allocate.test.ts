import { describe, expect, it } from 'vitest';
import { allocatePlaces, turnAt, type FreePlace, type KindergartenGroup } from './allocate.js';
import { child, group, testRules } from './queue-fixtures.js';
import type { QueueChild } from './rank.js';

const day = '2026-12-04';
const places = (count: number, groupId = 'g1'): FreePlace[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `${groupId}-p${index + 1}`,
    groupId,
    publishedAt: 1000 + index,
  }));
const time = (minute: number) => Date.UTC(2026, 0, 1, 0, minute);

function run(
  children: QueueChild[],
  free: FreePlace[],
  groups: KindergartenGroup[] = [group()],
  alternationIndex = 0,
) {
  return allocatePlaces({
    children,
    groups,
    places: free,
    rules: testRules,
    day,
    alternationIndex,
  });
}

describe('allocation: who gets the places', () => {
  const primary = (id: string, minute: number) =>
    child(id, { category: 'primary', privilege: 'confirmed', registeredAt: time(minute) });
  const general = (id: string, minute: number) => child(id, { registeredAt: time(minute) });
  const cases: [string, QueueChild[], number, string[]][] = [
    [
      'an extraordinary right first, outside the alternation',
      [
        general('g1', 1),
        primary('p1', 2),
        child('e1', { category: 'extraordinary', privilege: 'confirmed', registeredAt: time(9) }),
      ],
      2,
      ['e1', 'p1'],
    ],
    [
      '1:3 — one primary, then three general, then primary again',
      [
        primary('p1', 5),
        primary('p2', 6),
        general('g1', 1),
        general('g2', 2),
        general('g3', 3),
        general('g4', 4),
      ],
      5,
      ['p1', 'g1', 'g2', 'g3', 'p2'],
    ],
    [
      'a primary turn with no primary child goes to the general queue and counts',
      [
        general('g1', 1),
        general('g2', 2),
        general('g3', 3),
        general('g4', 4),
        general('g5', 5),
        primary('p1', 9),
      ],
      5,
      // turn 0 (primary) → p1; turns 1–3 general → g1, g2, g3; turn 4 (primary) nobody → g4
      ['p1', 'g1', 'g2', 'g3', 'g4'],
    ],
    [
      'a general turn with nobody general goes to the primary right',
      [primary('p1', 1), primary('p2', 2)],
      2,
      ['p1', 'p2'],
    ],
    [
      'the same time: the slip number decides',
      [
        child('b', { number: 'Q-9', registeredAt: time(1) }),
        child('a', { number: 'Q-1', registeredAt: time(1) }),
      ],
      1,
      ['a'],
    ],
    [
      'a lost privilege takes its general place at the original registration time',
      [
        general('g1', 5),
        child('lost', { category: 'primary', privilege: 'lost', registeredAt: time(1) }),
        primary('p1', 9),
      ],
      3,
      ['p1', 'lost', 'g1'],
    ],
    [
      'a child under 2 or aged 7 is not offered a place',
      [
        child('baby', { birthDate: '2025-01-01', registeredAt: time(1) }),
        child('seven', { birthDate: '2019-11-30', registeredAt: time(2) }),
        general('g1', 3),
      ],
      3,
      ['g1'],
    ],
    [
      'a child whose desired start is later waits; one who did not choose the kindergarten is not offered',
      [
        child('later', { desiredStart: '2027-09-01', registeredAt: time(1) }),
        child('elsewhere', { preferred: ['k2'], registeredAt: time(2) }),
        general('g1', 3),
      ],
      2,
      ['g1'],
    ],
    [
      'language and special needs must fit the group',
      [
        child('kk', { language: 'kk', registeredAt: time(1) }),
        child('needs', { specialNeeds: 'speech', registeredAt: time(2) }),
        general('g1', 3),
      ],
      2,
      ['g1'],
    ],
  ];
  it.each(cases)('%s', (_name, children, count, expected) => {
    const result = run(children, places(count));
    expect(result.offers.map((offer) => offer.childId)).toEqual(expected);
    expect(result.unfilled).toHaveLength(count - expected.length);
  });

  it('explains each place: the turn, whether it fell back, and the category', () => {
    const result = run(
      [
        general('g1', 1),
        child('e1', { category: 'extraordinary', privilege: 'confirmed', registeredAt: time(2) }),
      ],
      places(2),
    );
    expect(
      result.offers.map(({ childId, turn, fellBack, category }) => ({
        childId,
        turn,
        fellBack,
        category,
      })),
    ).toEqual([
      { childId: 'e1', turn: 'extraordinary', fellBack: false, category: 'extraordinary' },
      { childId: 'g1', turn: 'primary', fellBack: true, category: 'general' },
    ]);
    expect(result.alternationIndex).toBe(1);
  });

  it('carries the 1:3 cycle from one run to the next', () => {
    const children = [primary('p1', 9), general('g1', 1), general('g2', 2)];
    const first = run(children, places(1), [group()], 3);
    expect(first.offers.map((offer) => offer.childId)).toEqual(['g1']);
    expect(first.alternationIndex).toBe(4);
    const second = run(
      children.filter((entry) => entry.id !== 'g1'),
      places(1),
      [group()],
      first.alternationIndex,
    );
    expect(second.offers.map((offer) => offer.childId)).toEqual(['p1']);
    expect([0, 1, 2, 3, 4].map((index) => turnAt(index, testRules.alternation.value))).toEqual([
      'primary',
      'general',
      'general',
      'general',
      'primary',
    ]);
  });

  it('gives a child at most one place and fits the group by age', () => {
    const groups = [
      group('young', { ageFromYears: 2, ageToYears: 3 }),
      group('old', { ageFromYears: 4, ageToYears: 6 }),
    ];
    const children = [
      child('three', { registeredAt: time(2) }),
      child('five', { birthDate: '2021-01-01', registeredAt: time(1) }),
    ];
    const result = run(children, [...places(2, 'young'), ...places(1, 'old')], groups);
    expect(result.offers.map((offer) => [offer.groupId, offer.childId])).toEqual([
      ['old', 'five'],
      ['young', 'three'],
    ]);
    expect(result.unfilled).toEqual(['young-p2']);
  });

  it('a child who refused a place is passed over for it, and only for it', () => {
    const children = [child('a', { registeredAt: time(1) }), child('b', { registeredAt: time(2) })];
    const result = allocatePlaces({
      children,
      groups: [group()],
      places: places(2),
      rules: testRules,
      day,
      alternationIndex: 1,
      refused: [{ childId: 'a', placeId: 'g1-p1' }],
    });
    expect(result.offers.map((offer) => [offer.placeId, offer.childId])).toEqual([
      ['g1-p1', 'b'],
      ['g1-p2', 'a'],
    ]);
  });

  it('a place of an unknown group is left unfilled', () => {
    expect(run([child('a')], places(1, 'ghost')).unfilled).toEqual(['ghost-p1']);
  });
});
