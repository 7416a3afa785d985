import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { listOrganisations } from '../../storage/organisation.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';

/**
 * The organisations of a region that provide a service under this regulation (its provider
 * kinds), for the catalogue. Regions are spelt with hyphens (regulations) or underscores
 * (organisation seeds); both are accepted.
 */
export async function listRegionProviders(
  services: ApplicationServices,
  regulation: Pick<RegulationDefinition, 'providerKinds'>,
  region: string,
): Promise<{ id: string; kind: string; name: { kk: string; ru: string } }[]> {
  const regionCode = region.replaceAll('-', '_');
  const found = [];
  for (const kind of regulation.providerKinds) {
    for (const candidate of new Set([regionCode, region])) {
      for (const row of await listOrganisations(services.db, { kind, regionCode: candidate })) {
        found.push({ id: row.id, kind: row.kind, name: { kk: row.nameKk, ru: row.nameRu } });
      }
    }
  }
  return found;
}
