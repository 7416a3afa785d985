import type { Principal } from '../../domain/identity/authorisation.js';
import { listStaffDirectory } from '../../storage/staff-directory.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { adminScopeOf } from './admin-scope.js';

/** The staff accounts of the administrator's region (or all), with roles and whether active. */
export async function listAdministeredStaff(services: ApplicationServices, principal: Principal) {
  const scope = adminScopeOf(principal);
  return listStaffDirectory(services.db, scope.regionCode ? { regionCode: scope.regionCode } : {});
}
