import { DomainError, ErrorCode } from '../shared/domain-error.js';
import type { RegulationDefinition } from './RegulationDefinition.js';
import { findRegulationInForce, type VersionQuery } from './select-version.js';
import type { ServiceCode } from './ServiceCode.js';

/** The regulation versions the system runs, looked up by id or by service, region and date. */
export interface RegulationCatalog {
  readonly all: readonly RegulationDefinition[];
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

/** Builds a catalog over validated definitions. */
export function createRegulationCatalog(
  regulations: readonly RegulationDefinition[],
): RegulationCatalog {
  const byId = new Map(regulations.map((regulation) => [regulation.id, regulation]));
  return {
    all: regulations,
    findById: (id) => byId.get(id),
    getById: (id) => {
      const found = byId.get(id);
      if (!found) throw new DomainError(ErrorCode.notFound, { regulationId: id });
      return found;
    },
    findInForce: (service, region, day) =>
      findRegulationInForce(regulations, {
        service: service as ServiceCode,
        // Organisation seeds spell regions with underscores (south_kazakhstan), definitions
        // with hyphens (south-kazakhstan): both name the same region.
        region: region.replaceAll('_', '-') as VersionQuery['region'],
        day,
      }),
  };
}
