import { describe, expect, it } from 'vitest';
import { OrganisationSeedFile } from './OrganisationSeedFile.js';

const base = {
  region: { code: 'test_region', name: { kk: 'Сынақ', ru: 'Тест' }, timeZone: 'Asia/Almaty' },
  organisations: [
    { id: 'root', kind: 'region_akimat', name: { kk: 'Әкімдік', ru: 'Акимат' } },
    { id: 'child', kind: 'archive', parent: 'root', name: { kk: 'Мұрағат', ru: 'Архив' } },
  ],
};

describe('OrganisationSeedFile', () => {
  it('accepts a well-formed file', () => {
    expect(OrganisationSeedFile.safeParse(base).success).toBe(true);
  });
  it.each([
    [
      'unknown parent',
      { organisations: [{ ...base.organisations[1], parent: 'nobody' }] },
      'unknown parent',
    ],
    [
      'duplicate id',
      { organisations: [base.organisations[0], base.organisations[0]] },
      'duplicate id',
    ],
    ['unknown kind', { organisations: [{ ...base.organisations[0], kind: 'bank' }] }, ''],
    [
      'bad BIN',
      { organisations: [{ ...base.organisations[0], bin: '150540000127' }] },
      'not a valid BIN',
    ],
    [
      'bad time zone',
      { region: { ...base.region, timeZone: 'Asia/Nowhere' } },
      'not an IANA time zone',
    ],
  ])('refuses %s', (_, change, message) => {
    const parsed = OrganisationSeedFile.safeParse({ ...base, ...change });
    expect(parsed.success).toBe(false);
    if (!parsed.success && message)
      expect(parsed.error.issues.map((i) => i.message).join()).toContain(message);
  });
});
