import { DomainError, ErrorCode } from '../shared/domain-error.js';
import type { BrokenRegulationFile } from './check-regulations.js';
import type { RegulationDefinition } from './RegulationDefinition.js';
import { findRegulationInForce } from './select-version.js';
import { normaliseRegionCode, type VocabularyIndex } from './vocabulary-index.js';

/** The regulation versions the system runs, looked up by id or by service, region and date. */
export interface RegulationCatalog {
  readonly all: readonly RegulationDefinition[];
  /** The regions, services, provider kinds and sources the definitions are written in. */
  readonly vocabulary: VocabularyIndex;
  /** Definition files left out at load because they have errors (the others run). */
  readonly broken: readonly BrokenRegulationFile[];
  /** The version with this id, or undefined. */
  findById(id: string): RegulationDefinition | undefined;
  /** The version with this id; throws not_found. */
  getById(id: string): RegulationDefinition;
  /**
   * The version of `service` that `region` applies on the local date `day` (YYYY-MM-DD): the
   * region's own, else the national standard. An application follows the version in force
   * when it was submitted.
   */
  findInForce(service: string, region: string, day: string): RegulationDefinition | undefined;
}

/** Builds a catalog over validated definitions and the vocabulary they were checked against. */
export function createRegulationCatalog(
  regulations: readonly RegulationDefinition[],
  vocabulary: VocabularyIndex,
  broken: readonly BrokenRegulationFile[] = [],
): RegulationCatalog {
  const byId = new Map(regulations.map((regulation) => [regulation.id, regulation]));
  return {
    all: regulations,
    vocabulary,
    broken,
    findById: (id) => byId.get(id),
    getById: (id) => {
      const found = byId.get(id);
      if (!found) throw new DomainError(ErrorCode.notFound, { regulationId: id });
      return found;
    },
    findInForce: (service, region, day) =>
      findRegulationInForce(regulations, {
        service,
        region: normaliseRegionCode(region),
        day,
        country: vocabulary.country.code,
      }),
  };
}
