import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../config/paths.js';
import { loadQueueRules } from '../../storage/queue-rules-files.js';
import { defineQueueRules, QueueRules } from './QueueRules.js';

const file = fromRoot('queue-rules', 'south-kazakhstan.yaml');
const valid = () => parseYaml(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('queue rules as data', () => {
  it('loads every region file of queue-rules/ with its sources', () => {
    const result = loadQueueRules();
    expect(result).toMatchObject({ ok: true });
    const rules = result.ok ? result.rules.get('south-kazakhstan') : undefined;
    expect(rules?.alternation.value).toEqual({ primary: 1, general: 3 });
    expect(rules?.ageWindow.value).toEqual({ fromYears: 2, untilYears: 7 });
    expect(rules?.offerWindowWorkingDays.value).toBe(3);
    expect(rules?.referralValidityDays.value).toBe(5);
    expect(rules?.referralExtendedDays.value).toBe(30);
    expect(rules?.privilegeConfirmationWorkingDays.value).toBe(5);
    expect(rules?.categories.map((category) => category.code)).toEqual([
      'extraordinary',
      'primary',
      'general',
    ]);
  });

  const broken: [string, (data: Record<string, unknown>) => void, string][] = [
    [
      'an undeclared source',
      (data) =>
        ((data.alternation as { citation: { source: string } }).citation.source = 'nowhere'),
      'citationsResolve',
    ],
    [
      'an impossible age window',
      (data) => ((data.ageWindow as { value: unknown }).value = { fromYears: 5, untilYears: 3 }),
      'windowsPossible',
    ],
    [
      'an extension shorter than the referral',
      (data) => ((data.referralExtendedDays as { value: number }).value = 2),
      'windowsPossible',
    ],
    [
      'categories out of order',
      (data) => (data.categories as unknown[]).reverse(),
      'categoriesInOrder',
    ],
    [
      'a rule without its source',
      (data) => delete (data.offerWindowWorkingDays as { citation?: unknown }).citation,
      'citation',
    ],
    [
      'an intake round ending before it starts',
      (data) =>
        ((data.intakeRound as { value: unknown }).value = { from: '06-30', until: '05-01' }),
      'windowsPossible',
    ],
    [
      'an intake round citing an undeclared source',
      (data) =>
        ((data.intakeRound as { citation: { source: string } }).citation.source = 'nowhere'),
      'citationsResolve',
    ],
    [
      'an intake round day that is not MM-DD',
      (data) => ((data.intakeRound as { value: unknown }).value = { from: '5-1', until: '06-30' }),
      'intakeRound',
    ],
    ['an unknown key', (data) => (data.surprise = 1), 'surprise'],
  ];
  it.each(broken)('refuses %s', (_name, breakIt, expected) => {
    const data = valid();
    breakIt(data);
    const parsed = QueueRules.safeParse(data);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(expected);
    expect(() => defineQueueRules(data)).toThrow();
  });
});
