import { describe, expect, it } from 'vitest';
import { registryCatalogue } from '../../integrations/registry-adapters.js';
import { loadRegulationCatalog } from '../../storage/regulation-files.js';

const catalog = loadRegulationCatalog({ registries: registryCatalogue() });

describe('regulation catalog', () => {
  it.each([
    ['south_kazakhstan', 'south-kazakhstan.archive-certificate.2012-12-26'],
    ['south-kazakhstan', 'south-kazakhstan.archive-certificate.2012-12-26'],
  ])('finds the version in force for the region spelt %s', (region, id) => {
    expect(catalog.findInForce('archive-certificate', region, '2013-02-01')?.id).toBe(id);
  });

  it('falls back to the national standard after a regional repeal', () => {
    expect(catalog.findInForce('duplicates', 'kostanay', '2020-03-02')?.id).toBe(
      'national.duplicates.2020-01-01',
    );
  });
});
