import { describe, expect, it } from 'vitest';
import { defaultDeadlinePolicy, markersDue, warningAt } from './deadline-watch.js';

const hour = 60 * 60_000;
const policy = { warningFraction: 0.2, maxWarningLeadMs: 24 * hour, escalateAfterMs: 2 * hour };

describe('deadline markers', () => {
  it.each([
    // start, due, expected warning instant
    [0, 10 * hour, 8 * hour],
    [0, 30 * 24 * hour, 29 * 24 * hour], // capped at one day ahead
    [5 * hour, 5 * hour, 5 * hour], // no time at all: warns at the due
  ])('warns at the last fifth, capped: %d → %d warns at %d', (start, due, expected) => {
    expect(warningAt(start, due, policy)).toBe(expected);
  });

  it.each([
    [7 * hour, []],
    [8 * hour, ['warning']],
    [10 * hour, ['warning', 'overdue']],
    [12 * hour, ['warning', 'overdue', 'escalated']],
  ])('at %d fires %j', (now, expected) => {
    expect(markersDue({ startedAt: 0, dueAt: 10 * hour }, now, new Set(), policy)).toEqual(
      expected,
    );
  });

  it('never fires a marker twice', () => {
    const fired = new Set(['warning', 'overdue'] as const);
    expect(markersDue({ startedAt: 0, dueAt: hour }, 5 * hour, fired, policy)).toEqual([
      'escalated',
    ]);
  });

  it('escalates with overdue by default', () => {
    expect(
      markersDue({ startedAt: 0, dueAt: hour }, hour, new Set(), defaultDeadlinePolicy),
    ).toEqual(['warning', 'overdue', 'escalated']);
  });
});
