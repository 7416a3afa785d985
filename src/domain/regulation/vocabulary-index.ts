import type { LegalSource } from './LegalSource.js';
import type { ProviderKind } from './ProviderKind.js';
import type { PublicService } from './PublicService.js';
import type { Region } from './Region.js';
import type { ServiceArea } from './ServiceArea.js';
import type { Vocabulary } from './Vocabulary.js';

/**
 * Region codes are written with hyphens (`north-region`); organisations stored before the
 * vocabulary existed spell them with underscores (`north_region`). Both name the same region.
 */
export function normaliseRegionCode(code: string): string {
  return code.replaceAll('_', '-');
}

/** Lookups over a validated vocabulary; `find*` returns undefined for an undeclared code. */
export interface VocabularyIndex {
  readonly vocabulary: Vocabulary;
  /** The one territory of kind `country`: where national standards are filed. */
  readonly country: Region;
  /** The region the portal shows before a citizen chooses one. */
  readonly defaultRegion: Region;
  /** Regions a citizen can choose (regions and cities in force, not the country, not former ones). */
  readonly currentRegions: readonly Region[];
  findRegion(code: string): Region | undefined;
  findService(code: string): PublicService | undefined;
  findArea(code: string): ServiceArea | undefined;
  findProviderKind(code: string): ProviderKind | undefined;
  findSource(id: string): LegalSource | undefined;
}

/** Builds the lookups once, at load time. */
export function indexVocabulary(vocabulary: Vocabulary): VocabularyIndex {
  const byCode = <T extends { code: string }>(list: readonly T[]) =>
    new Map(list.map((entry) => [entry.code, entry]));
  const regions = byCode(vocabulary.regions);
  const services = byCode(vocabulary.services);
  const areas = byCode(vocabulary.areas);
  const providerKinds = byCode(vocabulary.providerKinds);
  const sources = new Map(vocabulary.sources.map((source) => [source.id, source]));
  const country = vocabulary.regions.find((region) => region.kind === 'country');
  const defaultRegion = regions.get(vocabulary.defaultRegion);
  if (!country || !defaultRegion) throw new Error('vocabulary without a country or default region');
  return {
    vocabulary,
    country,
    defaultRegion,
    currentRegions: vocabulary.regions.filter(
      (region) => region.kind === 'region' || region.kind === 'city',
    ),
    findRegion: (code) => regions.get(normaliseRegionCode(code)),
    findService: (code) => services.get(code),
    findArea: (code) => areas.get(code),
    findProviderKind: (code) => providerKinds.get(code),
    findSource: (id) => sources.get(id),
  };
}
