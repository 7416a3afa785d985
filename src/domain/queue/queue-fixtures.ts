import type { KindergartenGroup } from './allocate.js';
import type { QueueRules } from './QueueRules.js';
import type { QueueChild } from './rank.js';

/** The rules the ordering tests use (the values of the region files in queue-rules/). */
export const testRules: Pick<QueueRules, 'ageWindow' | 'alternation'> = {
  ageWindow: { value: { fromYears: 2, untilYears: 7 }, citation: { source: 't', point: 't' } },
  alternation: { value: { primary: 1, general: 3 }, citation: { source: 't', point: 't' } },
};

/** A child aged 3 on 2026-12-04, general, wanting kindergarten k1 in Russian. */
export function child(id: string, overrides: Partial<QueueChild> = {}): QueueChild {
  return {
    id,
    number: `Q-${id}`,
    category: 'general',
    privilege: 'none',
    registeredAt: Date.UTC(2026, 0, 1),
    birthDate: '2023-06-01',
    preferred: ['k1'],
    language: 'ru',
    specialNeeds: null,
    desiredStart: '2026-09-01',
    ...overrides,
  };
}

/** An ordinary Russian group for ages 2–6 of kindergarten k1. */
export function group(id = 'g1', overrides: Partial<KindergartenGroup> = {}): KindergartenGroup {
  return {
    id,
    kindergartenId: 'k1',
    ageFromYears: 2,
    ageToYears: 6,
    language: 'ru',
    specialNeeds: null,
    ...overrides,
  };
}
