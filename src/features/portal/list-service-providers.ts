import { frontOfficeKind } from '../../domain/shared/organisation-kind.js';
import { involvesFrontOffice } from '../../domain/application/fold.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { listOrganisations } from '../../storage/organisation.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';

/** An organisation a citizen may choose on the portal form. */
export interface PortalOrganisationChoice {
  readonly id: string;
  readonly name: { kk: string; ru: string };
  readonly address: { kk: string; ru: string } | null;
  readonly regionCode: string;
}

export { kazakhstanDay };

/** The day a portal request acts on: today, or a sandbox request's "as of" day. */
export function portalDay(services: Pick<ApplicationServices, 'now' | 'asOf' | 'sandbox'>): string {
  return services.sandbox && services.asOf ? services.asOf : kazakhstanDay(services.now());
}

/**
 * Who may receive a portal application under this regulation version today: the
 * organisations of the regulation's provider kinds whose region applies this very version,
 * and (when the portal flow hands the result over at a front office, e.g. standard-education-duplicates) the
 * front offices of those regions. not_found when the regulation is unknown or the portal is
 * not one of its channels.
 */
export async function listServiceProviders(
  services: ApplicationServices,
  regulationId: string,
): Promise<{
  regulation: RegulationDefinition;
  providers: PortalOrganisationChoice[];
  frontOffices: PortalOrganisationChoice[];
  needsFrontOffice: boolean;
}> {
  const regulation = services.regulations.findById(regulationId);
  const flow = regulation?.channels.find((candidate) => candidate.channel === 'portal');
  if (!regulation || !flow) throw new DomainError(ErrorCode.notFound, { regulationId });
  const day = portalDay(services);
  const choice = (row: Awaited<ReturnType<typeof listOrganisations>>[number]) => ({
    id: row.id,
    name: { kk: row.nameKk, ru: row.nameRu },
    address: row.addressKk && row.addressRu ? { kk: row.addressKk, ru: row.addressRu } : null,
    regionCode: row.regionCode,
  });
  const providers: PortalOrganisationChoice[] = [];
  for (const kind of regulation.providerKinds) {
    for (const row of await listOrganisations(services.db, { kind })) {
      const inForce = services.regulations.findInForce(regulation.service, row.regionCode, day);
      if (inForce?.id === regulation.id) providers.push(choice(row));
    }
  }
  const needsFrontOffice = involvesFrontOffice(flow);
  const regions = new Set(providers.map((provider) => provider.regionCode));
  const frontOffices = needsFrontOffice
    ? (await listOrganisations(services.db, { kind: frontOfficeKind }))
        .filter((row) => regions.has(row.regionCode))
        .map(choice)
    : [];
  return { regulation, providers, frontOffices, needsFrontOffice };
}
