import { DomainError, ErrorCode } from '../shared/domain-error.js';
import type { RegionCode } from './RegionCode.js';
import type { RegulationDefinition } from './RegulationDefinition.js';
import type { ServiceCode } from './ServiceCode.js';

/** What an application needs to pick its regulation: the service, the provider's region, the day of submission. */
export interface VersionQuery {
  service: ServiceCode;
  region: RegionCode;
  /** Day of submission, YYYY-MM-DD (local date in Kazakhstan). */
  day: string;
  /**
   * The territory of national standards (the vocabulary's region of kind `country`), used when
   * the region has no version of its own in force. Absent: no fallback.
   */
  country?: RegionCode;
}

const inForce = (regulation: RegulationDefinition, day: string) =>
  regulation.effectiveFrom <= day &&
  (regulation.effectiveTo === undefined || day < regulation.effectiveTo);

/**
 * The version in force on the day of submission: the region's own regulation when one is in
 * force, otherwise the national standard. Undefined when neither is (the checker guarantees at
 * most one version per region and service on any day).
 */
export function findRegulationInForce(
  regulations: readonly RegulationDefinition[],
  query: VersionQuery,
): RegulationDefinition | undefined {
  const candidates = regulations.filter(
    (regulation) => regulation.service === query.service && inForce(regulation, query.day),
  );
  return (
    candidates.find((regulation) => regulation.region === query.region) ??
    (query.country === undefined
      ? undefined
      : candidates.find((regulation) => regulation.region === query.country))
  );
}

/** Like `findRegulationInForce`, but throws `not_found` naming the query when nothing applies. */
export function getRegulationInForce(
  regulations: readonly RegulationDefinition[],
  query: VersionQuery,
): RegulationDefinition {
  const found = findRegulationInForce(regulations, query);
  if (!found) {
    throw new DomainError(
      ErrorCode.notFound,
      { ...query },
      `no regulation of ${query.service} in force in ${query.region} on ${query.day}`,
    );
  }
  return found;
}
