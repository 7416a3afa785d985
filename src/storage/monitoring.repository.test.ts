import { describe, expect, it } from 'vitest';
import { providerDeltasOf, type CountDelta } from './monitoring.repository.js';

const delta = (serviceCode: string, measure: string, value: number): CountDelta => ({
  grain: 'month',
  regionCode: 'kostanay',
  periodStart: '2026-11-01',
  providerOrganisationId: 'school-1',
  serviceCode,
  channel: 'portal',
  measure,
  detail: '',
  delta: value,
});

describe('providerDeltasOf: the roll-up without the service (migration 0155)', () => {
  it('sums the services of one provider, channel, measure and detail', () => {
    expect(
      providerDeltasOf([
        delta('duplicates', 'received', 2),
        delta('school-admission', 'received', 3),
        delta('duplicates', 'completed', 1),
      ]),
    ).toEqual([{ ...delta('', 'received', 5) }, { ...delta('', 'completed', 1) }]);
  });

  it('keeps other keys apart and leaves out the sums that cancel', () => {
    const elsewhere = { ...delta('duplicates', 'received', 1), channel: 'front_office' };
    expect(
      providerDeltasOf([
        delta('duplicates', 'received', 1),
        delta('school-admission', 'received', -1),
        elsewhere,
        { ...delta('duplicates', 'received', 4), grain: 'year', periodStart: '2026-01-01' },
      ]),
    ).toEqual([
      { ...elsewhere, serviceCode: '' },
      { ...delta('', 'received', 4), grain: 'year', periodStart: '2026-01-01' },
    ]);
  });
});
