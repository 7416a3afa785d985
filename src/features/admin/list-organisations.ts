import type { Principal } from '../../domain/identity/authorisation.js';
import { listOrganisations } from '../../storage/organisation.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { adminScopeOf } from './admin-scope.js';

/** The organisations an administrator manages (their region's, or all), ordered by id. */
export async function listAdministeredOrganisations(
  services: ApplicationServices,
  principal: Principal,
) {
  const scope = adminScopeOf(principal);
  const rows = await listOrganisations(
    services.db,
    scope.regionCode ? { regionCode: scope.regionCode } : {},
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: { kk: row.nameKk, ru: row.nameRu },
    regionCode: row.regionCode,
    parentId: row.parentId,
    address: row.addressKk || row.addressRu ? { kk: row.addressKk, ru: row.addressRu } : null,
  }));
}
