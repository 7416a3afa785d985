import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../storage/regulation-files.js';
import { DomainError } from '../shared/domain-error.js';
import { findRegulationInForce, getRegulationInForce } from './select-version.js';

const regulations = loadRegulations().regulations.map((loaded) => loaded.regulation);

describe('findRegulationInForce', () => {
  it.each([
    ['kostanay', '2018-07-14', undefined],
    ['kostanay', '2018-07-15', 'kostanay.duplicates.2018-07-04'],
    ['kostanay', '2018-12-31', 'kostanay.duplicates.2018-07-04'],
    ['kostanay', '2019-01-01', 'kostanay.duplicates.2018-12-21'],
    ['kostanay', '2019-06-01', 'kostanay.duplicates.2018-12-21'],
    ['kostanay', '2020-02-08', 'kostanay.duplicates.2018-12-21'],
    ['kostanay', '2020-02-09', 'national.duplicates.2020-01-01'],
    ['aktobe', '2016-02-29', undefined],
    ['aktobe', '2016-03-01', 'aktobe.duplicates.2016-02-19'],
    ['aktobe', '2018-07-30', 'aktobe.duplicates.2016-02-19'],
    ['aktobe', '2018-07-31', 'aktobe.duplicates.2018-07-20'],
    ['aktobe', '2020-02-18', 'national.duplicates.2020-01-01'],
    ['west-kazakhstan', '2021-01-01', 'west-kazakhstan.duplicates.2016-03-01'],
  ] as const)('duplicates in %s on %s → %s', (region, day, expected) => {
    expect(
      findRegulationInForce(regulations, {
        service: 'duplicates',
        region,
        day,
        country: 'national',
      })?.id,
    ).toBe(expected);
  });

  it('follows the day of submission, not today: the South Kazakhstan queue of 2013', () => {
    const query = { service: 'kindergarten-queue', region: 'south-kazakhstan' } as const;
    expect(findRegulationInForce(regulations, { ...query, day: '2013-03-01' })?.version).toBe(
      '2012-12-26',
    );
    expect(() => getRegulationInForce(regulations, { ...query, day: '2013-06-27' })).toThrow(
      DomainError,
    );
  });
});
