import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { renderSvg } from '../../domain/regulation/diagram/svg.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { adminScopeOf, isInScope } from './admin-scope.js';
import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';

/**
 * The regulation versions of each administered region: the region's own and the national
 * standards, with their effective dates, and which version of each service is in force today
 * (the region's own, else the national one).
 */
export function listRegulationVersions(services: ApplicationServices, principal: Principal) {
  const scope = adminScopeOf(principal);
  const today = kazakhstanDay(services.now());
  const { vocabulary, broken } = services.regulations;
  const country = vocabulary.country.code;
  const issuing = new Set(services.regulations.all.map((regulation) => regulation.region));
  // The regions that issued regulations, and the administrator's own region even when it has
  // none (the national standards apply there).
  const regions = vocabulary.vocabulary.regions
    .filter(
      (region) =>
        region.kind !== 'country' &&
        isInScope(scope, region.code) &&
        (issuing.has(region.code) || scope.regionCode !== undefined),
    )
    .map((region) => region.code);
  return {
    today,
    /** Definition files left out at start because of errors (file and first error). */
    broken,
    regions: regions.map((region) => {
      const inForce = new Set(
        [...new Set(services.regulations.all.map((regulation) => regulation.service))]
          .map((service) => services.regulations.findInForce(service, region, today)?.id)
          .filter((id): id is string => id !== undefined),
      );
      const versions = services.regulations.all
        .filter((regulation) => regulation.region === region || regulation.region === country)
        .map((regulation) => ({
          id: regulation.id,
          serviceCode: regulation.service,
          name: regulation.name,
          issuer: regulation.region,
          isNational: regulation.region === country,
          effectiveFrom: regulation.effectiveFrom,
          effectiveTo: regulation.effectiveTo ?? null,
          isInForce: inForce.has(regulation.id),
        }))
        .sort(
          (a, b) =>
            a.serviceCode.localeCompare(b.serviceCode) ||
            b.effectiveFrom.localeCompare(a.effectiveFrom),
        );
      return { region, versions };
    }),
  };
}

/**
 * The BPMN-style SVG diagram of a regulation version (what `qyzmet regulations diagram
 * --format svg` draws), for an administrator whose region it applies to.
 */
export function getRegulationDiagram(
  services: ApplicationServices,
  principal: Principal,
  regulationId: string,
  language: 'kk' | 'ru',
): string {
  const scope = adminScopeOf(principal);
  const regulation = services.regulations.findById(regulationId);
  const country = services.regulations.vocabulary.country.code;
  if (!regulation || (regulation.region !== country && !isInScope(scope, regulation.region))) {
    throw new DomainError(ErrorCode.notFound, { regulationId });
  }
  return renderSvg(regulation, language);
}
