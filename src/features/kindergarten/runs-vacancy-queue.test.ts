import { describe, expect, it } from 'vitest';
import { registryCatalogue } from '../../integrations/registry-adapters.js';
import { loadRegulationCatalog } from '../../storage/regulation-files.js';
import { runsVacancyQueue } from './runs-vacancy-queue.js';

describe('runsVacancyQueue (issue 18, point 7: the queue menu from data)', () => {
  const catalog = loadRegulationCatalog({ registries: registryCatalogue() });
  it.each([
    ['district_education_department', 'south_kazakhstan', true],
    ['district_education_department', 'south-kazakhstan', true],
    ['school', 'south_kazakhstan', false],
    ['archive', 'south_kazakhstan', false],
    ['district_education_department', 'kostanay', false],
    ['front_office', 'south_kazakhstan', false],
  ])('%s of %s → %s', (kind, regionCode, expected) => {
    expect(runsVacancyQueue(catalog, { kind, regionCode })).toBe(expected);
  });
});
