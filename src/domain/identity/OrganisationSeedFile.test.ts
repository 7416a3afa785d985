import { describe, expect, it } from 'vitest';
import type { VocabularyIndex } from '../regulation/vocabulary-index.js';
import { OrganisationSeedFile, undeclaredInSeedFile } from './OrganisationSeedFile.js';

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
    [
      'malformed kind',
      { organisations: [{ ...base.organisations[0], kind: 'Bank branch' }] },
      'codeFormat',
    ],
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

describe('undeclaredInSeedFile', () => {
  /** A vocabulary that declares the test region and the given kinds. */
  const vocabulary = (kinds: string[], region = 'test_region') =>
    ({
      findRegion: (code: string) => (code === region ? { code } : undefined),
      findProviderKind: (code: string) => (kinds.includes(code) ? { code } : undefined),
    }) as unknown as VocabularyIndex;
  const file = OrganisationSeedFile.parse(base);

  it('finds nothing when the region and every kind are declared', () => {
    expect(undeclaredInSeedFile(file, vocabulary(['region_akimat', 'archive']))).toEqual([]);
  });
  it('names each kind the vocabulary does not declare (kinds are data)', () => {
    expect(undeclaredInSeedFile(file, vocabulary(['region_akimat']))).toEqual([
      { path: 'organisations.1.kind', rule: 'undeclared provider kind archive' },
    ]);
  });
  it('names an undeclared region', () => {
    expect(undeclaredInSeedFile(file, vocabulary(['region_akimat', 'archive'], 'other'))).toEqual([
      { path: 'region.code', rule: 'undeclared region test_region' },
    ]);
  });
});
