import { describe, expect, it } from 'vitest';
import { indicatorsOf, nearestRankPercentile, percentOf, satisfactionScore } from './indicators.js';
import { findPeriod, monthStartOf, periodStartsOf, quarterOf } from './period.js';
import { districtOf } from './districts.js';

describe('nearest-rank percentiles of a histogram', () => {
  it.each([
    [[[10, 1]], 0.5, 10],
    [
      [
        [10, 1],
        [20, 1],
      ],
      0.5,
      10,
    ],
    [
      [
        [10, 1],
        [20, 1],
        [30, 1],
      ],
      0.5,
      20,
    ],
    [
      [
        [10, 1],
        [20, 1],
        [30, 1],
      ],
      0.9,
      30,
    ],
    [
      [
        [30, 9],
        [200, 1],
      ],
      0.9,
      30,
    ],
    [
      [
        [30, 9],
        [200, 2],
      ],
      0.9,
      200,
    ],
    [[[5, 0]], 0.5, undefined],
  ] as [number[][], number, number | undefined][])(
    '%j at %s is %s',
    (pairs, fraction, expected) => {
      expect(nearestRankPercentile(new Map(pairs as [number, number][]), fraction)).toBe(expected);
    },
  );
});

describe('percent with one decimal', () => {
  it('rounds half up and leaves an empty whole undefined', () => {
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(0, 0)).toBeUndefined();
  });
});

describe('indicators of summed counts', () => {
  it('keeps slots apart by regulation and channel, orders by count, counts the channel mix', () => {
    const decide = 'south-kazakhstan.archive-certificate.2012-12-26|decide|executor';
    const accept = 'south-kazakhstan.archive-certificate.2012-12-26|accept|head';
    // The same step id in another regulation version is another slot.
    const otherAccept = 'south-kazakhstan.kindergarten-queue.2012-12-26|accept|head';
    const indicators = indicatorsOf(
      [
        { channel: 'portal', measure: 'received', detail: '', count: 3 },
        { channel: 'front_office', measure: 'received', detail: '', count: 1 },
        { channel: 'portal', measure: 'term_violated', detail: decide, count: 1 },
        { channel: 'front_office', measure: 'term_violated', detail: accept, count: 2 },
        { channel: 'portal', measure: 'term_violated', detail: accept, count: 1 },
        { channel: 'portal', measure: 'term_violated', detail: accept, count: 1 },
        { channel: 'portal', measure: 'term_violated', detail: otherAccept, count: 1 },
        { channel: 'portal', measure: 'term_violated', detail: 'unspecified', count: 1 },
        { channel: 'portal', measure: 'questionnaire_process', detail: 'satisfied', count: 2 },
        {
          channel: 'portal',
          measure: 'questionnaire_information',
          detail: 'not_satisfied',
          count: 2,
        },
      ],
      4,
    );
    expect(indicators.received).toBe(4);
    expect(indicators.electronicPercent).toBe(75);
    expect(indicators.overdueNow).toBe(4);
    const slot = (detail: string) => {
      const [regulationId, stepId, role] = detail.split('|');
      return { regulationId, stepId, role };
    };
    expect(indicators.violationsBySlot).toEqual([
      { detail: accept, channel: 'front_office', slot: slot(accept), count: 2 },
      { detail: accept, channel: 'portal', slot: slot(accept), count: 2 },
      { detail: decide, channel: 'portal', slot: slot(decide), count: 1 },
      { detail: otherAccept, channel: 'portal', slot: slot(otherAccept), count: 1 },
      { detail: 'unspecified', channel: 'portal', slot: undefined, count: 1 },
    ]);
    expect(indicators.termViolations).toBe(7);
    // (5 + 5 + 1 + 1) / 4 answers.
    expect(satisfactionScore(indicators)).toBe(3);
  });
});

describe('reporting periods', () => {
  it.each([
    ['2026', 'year', 'year', '2026-01-01', '2027-01-01'],
    ['2026-Q4', 'quarter', 'quarter', '2026-10-01', '2027-01-01'],
    ['2026-Q2', 'quarter', 'quarter', '2026-04-01', '2026-07-01'],
    ['2026-12', 'month', 'month', '2026-12-01', '2027-01-01'],
    ['2024-02-29', 'day', 'day', '2024-02-29', '2024-03-01'],
  ])('%s is a %s on %s rows from %s to %s', (text, kind, grain, from, to) => {
    expect(findPeriod(text)).toEqual({ kind, text, grain, from, to });
  });
  it.each(['2026-Q5', '2026-13', '2023-02-29', '1999', '26', '2026-1', ''])(
    'refuses %j',
    (text) => {
      expect(findPeriod(text)).toBeUndefined();
    },
  );
  it('keys a day in the summary table once per grain', () => {
    expect(periodStartsOf('2026-11-05')).toEqual([
      ['day', '2026-11-05'],
      ['month', '2026-11-01'],
      ['quarter', '2026-10-01'],
      ['year', '2026-01-01'],
    ]);
    expect(periodStartsOf('2026-03-31').slice(2)).toEqual([
      ['quarter', '2026-01-01'],
      ['year', '2026-01-01'],
    ]);
  });
  it('names the quarter and the month of a day', () => {
    expect(quarterOf('2026-11-05')).toBe('2026-Q4');
    expect(monthStartOf('2026-11-05')).toBe('2026-11-01');
  });
});

describe('the district of an organisation', () => {
  const nodes = new Map(
    [
      { id: 'region', parentId: null, kind: 'region_akimat' },
      { id: 'city', parentId: 'region', kind: 'district_akimat' },
      { id: 'city-education', parentId: 'city', kind: 'district_education_department' },
      { id: 'school', parentId: 'city-education', kind: 'school' },
      { id: 'archive', parentId: 'region', kind: 'archive' },
    ].map((node) => [node.id, node]),
  );
  it('is the topmost district-kind ancestor, or none at the region level', () => {
    expect(districtOf(nodes, 'school')).toBe('city');
    expect(districtOf(nodes, 'city-education')).toBe('city');
    expect(districtOf(nodes, 'archive')).toBeUndefined();
    expect(districtOf(nodes, 'unknown')).toBeUndefined();
  });
});
