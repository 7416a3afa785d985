// Allocation benchmark (issue 19: goal ≤ 1 s for 100,000 children over 1,000 kindergartens).
// Run: npx tsx bench/queue-allocation.bench.ts
// Prints one JSON line: {"bench":"queue-allocation","value":<ms>,"unit":"ms","baseline":<ms>,"ratio":value/baseline}
// The baseline, in the same run, is reading the same input back from its JSON log form
// (JSON.parse of the run's recorded input, which every re-run from the log has to do).
// Not measured here yet: the time to read the queue from the database (see docs/preschool-queue.md).
import {
  allocatePlaces,
  type FreePlace,
  type KindergartenGroup,
} from '../src/domain/queue/allocate.js';
import type { QueueChild } from '../src/domain/queue/rank.js';
import type { QueueRules } from '../src/domain/queue/QueueRules.js';

let seed = 19;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const kindergartens = Array.from({ length: 1000 }, (_, index) => `kg-${index}`);
const languages = ['kk', 'ru'];
const groups: KindergartenGroup[] = kindergartens.flatMap((kindergartenId) =>
  [2, 3, 4, 5].flatMap((age) =>
    languages.map((language) => ({
      id: `${kindergartenId}-${age}-${language}`,
      kindergartenId,
      ageFromYears: age,
      ageToYears: age + 1,
      language,
      specialNeeds: null,
    })),
  ),
);
const categories = [
  'extraordinary',
  'primary',
  'general',
  'general',
  'general',
  'general',
] as const;
const children: QueueChild[] = Array.from({ length: 100_000 }, (_, index) => {
  const year = 2020 + Math.floor(random() * 5);
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const category = pick(categories);
  return {
    id: `c-${index}`,
    number: `Q-${String(index).padStart(10, '0')}`,
    category,
    privilege: category === 'general' ? 'none' : pick(['confirmed', 'pending', 'lost'] as const),
    registeredAt: Date.parse('2021-01-01T00:00Z') + Math.floor(random() * 5 * 365 * 86_400_000),
    birthDate: `${year}-${month}-15`,
    preferred: [pick(kindergartens), pick(kindergartens), pick(kindergartens)],
    language: pick(languages),
    specialNeeds: null,
    desiredStart: '2026-09-01',
  };
});
const places: FreePlace[] = Array.from({ length: 20_000 }, (_, index) => ({
  id: `p-${index}`,
  groupId: pick(groups).id,
  publishedAt: index,
}));
const rules: Pick<QueueRules, 'ageWindow' | 'alternation'> = {
  ageWindow: { value: { fromYears: 2, untilYears: 7 }, citation: { source: 'b', point: 'b' } },
  alternation: { value: { primary: 1, general: 3 }, citation: { source: 'b', point: 'b' } },
};
const input = { children, groups, places, rules, day: '2026-12-04', alternationIndex: 0 };
const logged = JSON.stringify(input);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = (run: () => unknown) => {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const runs = 5;
const allocation: number[] = [];
const baseline: number[] = [];
let offers = 0;
for (let index = 0; index < runs; index += 1) {
  baseline.push(time(() => JSON.parse(logged)));
  allocation.push(time(() => (offers = allocatePlaces(input).offers.length)));
}
const value = median(allocation);
const base = median(baseline);
process.stderr.write(
  `queue-allocation: ${children.length} children, ${kindergartens.length} kindergartens, ${places.length} places, ${offers} offers; allocation ${value.toFixed(1)} ms, JSON read of the logged input ${base.toFixed(1)} ms\n`,
);
process.stdout.write(
  `${JSON.stringify({ bench: 'queue-allocation', value: Math.round(value * 10) / 10, unit: 'ms', baseline: Math.round(base * 10) / 10, ratio: Math.round((value / base) * 100) / 100 })}\n`,
);
