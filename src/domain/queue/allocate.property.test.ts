import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocatePlaces,
  isEligibleFor,
  turnAt,
  type FreePlace,
  type KindergartenGroup,
} from './allocate.js';
import { testRules } from './queue-fixtures.js';
import { compareQueueChildren, effectiveCategory, type QueueChild } from './rank.js';
import { QueueCategory } from './QueueRules.js';

const day = '2026-12-04';
const kindergartens = ['k1', 'k2', 'k3'];

const childArbitrary = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  number: fc.string({ minLength: 1, maxLength: 3 }),
  category: fc.constantFrom(...QueueCategory.options),
  privilege: fc.constantFrom('none', 'pending', 'confirmed', 'lost') as fc.Arbitrary<
    QueueChild['privilege']
  >,
  registeredAt: fc.integer({ min: 0, max: 20 }),
  birthDate: fc.constantFrom(
    '2025-06-01',
    '2024-01-10',
    '2023-03-03',
    '2022-12-04',
    '2020-01-01',
    '2019-12-04',
  ),
  preferred: fc.uniqueArray(fc.constantFrom(...kindergartens), { minLength: 1, maxLength: 3 }),
  language: fc.constantFrom('kk', 'ru'),
  specialNeeds: fc.constantFrom(null, 'speech'),
  desiredStart: fc.constantFrom('2026-09-01', '2027-01-01'),
});
const groupArbitrary = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  kindergartenId: fc.constantFrom(...kindergartens),
  ageFromYears: fc.integer({ min: 1, max: 4 }),
  ageToYears: fc.integer({ min: 3, max: 7 }),
  language: fc.constantFrom('kk', 'ru'),
  specialNeeds: fc.constantFrom(null, 'speech'),
});
const inputArbitrary = fc.record({
  children: fc.uniqueArray(childArbitrary, { selector: (entry) => entry.id, maxLength: 40 }),
  groups: fc.uniqueArray(groupArbitrary, {
    selector: (entry) => entry.id,
    minLength: 1,
    maxLength: 5,
  }),
  places: fc.array(
    fc.record({
      groupId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      publishedAt: fc.integer({ min: 0, max: 5 }),
    }),
    { maxLength: 25 },
  ),
  alternationIndex: fc.integer({ min: 0, max: 7 }),
});

const rankOf: Record<QueueCategory, number> = { extraordinary: 0, primary: 1, general: 2 };

describe('allocation properties', () => {
  it('never gives a place while a higher-ranked child who wanted that kindergarten and group is skipped', () => {
    fc.assert(
      fc.property(inputArbitrary, (raw) => {
        const places: FreePlace[] = raw.places.map((place, index) => ({
          ...place,
          id: `p${index}`,
        }));
        const groups: KindergartenGroup[] = raw.groups;
        const input = { ...raw, places, groups, rules: testRules, day };
        const result = allocatePlaces(input);
        // Replay by brute force: at each offer, nobody still waiting who fits the place may come
        // before the chosen child under the rules (extraordinary first; then the turn's category).
        const placed = new Set<string>();
        const byId = new Map(raw.children.map((entry) => [entry.id, entry]));
        let index = raw.alternationIndex;
        for (const offer of result.offers) {
          const group = groups.find((entry) => entry.id === offer.groupId)!;
          const chosen = byId.get(offer.childId)!;
          expect(placed.has(chosen.id)).toBe(false);
          expect(isEligibleFor(chosen, group, day, testRules)).toBe(true);
          const waiting = raw.children.filter(
            (entry) => !placed.has(entry.id) && isEligibleFor(entry, group, day, testRules),
          );
          const hasExtraordinary = waiting.some(
            (entry) => effectiveCategory(entry) === 'extraordinary',
          );
          const turn = turnAt(index, testRules.alternation.value);
          const priority = (entry: QueueChild) => {
            const category = effectiveCategory(entry);
            if (category === 'extraordinary') return 0;
            return category === turn ? 1 : 2;
          };
          for (const other of waiting) {
            const ahead =
              priority(other) < priority(chosen) ||
              (priority(other) === priority(chosen) && compareQueueChildren(other, chosen) < 0);
            expect(ahead, `${other.id} skipped for ${chosen.id}`).toBe(false);
          }
          if (!hasExtraordinary) index += 1;
          placed.add(chosen.id);
        }
        // A place left unfilled had nobody waiting who fitted it.
        for (const placeId of result.unfilled) {
          const place = places.find((entry) => entry.id === placeId)!;
          const group = groups.find((entry) => entry.id === place.groupId);
          const fits = group
            ? raw.children.filter(
                (entry) => !placed.has(entry.id) && isEligibleFor(entry, group, day, testRules),
              )
            : [];
          expect(fits).toEqual([]);
        }
        expect(rankOf[result.offers[0]?.category ?? 'general']).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a re-run gives the same result, whatever the order of the input', () => {
    fc.assert(
      fc.property(inputArbitrary, fc.integer(), (raw, seed) => {
        const places: FreePlace[] = raw.places.map((place, index) => ({
          ...place,
          id: `p${index}`,
        }));
        const input = { ...raw, places, rules: testRules, day };
        const first = allocatePlaces(input);
        const shuffle = <T>(list: readonly T[]) =>
          list
            .map((value, index) => ({ value, key: Math.imul(index + 1, seed | 1) >>> 0 }))
            .sort((left, right) => left.key - right.key)
            .map((entry) => entry.value);
        const again = allocatePlaces({
          ...input,
          children: shuffle(raw.children),
          groups: shuffle(raw.groups),
          places: shuffle(places),
        });
        expect(again).toEqual(first);
        expect(allocatePlaces(input)).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});
