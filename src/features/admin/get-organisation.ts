import type { Principal } from '../../domain/identity/authorisation.js';
import { Schedule, standardSchedules } from '../../domain/calendar/index.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findOrganisation } from '../../storage/organisation.repository.js';
import { listStaffDirectory } from '../../storage/staff-directory.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { adminScopeOf, isInScope } from './admin-scope.js';

/**
 * One organisation as its administrator sees it: kind, names, address and contacts, the
 * working schedule its deadlines are counted in (its own, or the standard one of its kind)
 * and its staff with their roles. An organisation outside the administrator's region is not
 * found (404), so its existence does not leak.
 */
export async function getAdministeredOrganisation(
  services: ApplicationServices,
  principal: Principal,
  organisationId: string,
) {
  const scope = adminScopeOf(principal);
  const row = await findOrganisation(services.db, organisationId);
  if (!row || !isInScope(scope, row.regionCode)) {
    throw new DomainError(ErrorCode.notFound, { organisationId });
  }
  const parent = row.parentId ? await findOrganisation(services.db, row.parentId) : undefined;
  const schedule = row.customSchedule
    ? Schedule.parse(row.customSchedule)
    : row.scheduleKind === 'front_office'
      ? standardSchedules['front-office']
      : standardSchedules['provider-office'];
  return {
    id: row.id,
    kind: row.kind,
    name: { kk: row.nameKk, ru: row.nameRu },
    regionCode: row.regionCode,
    parent: parent
      ? {
          id: parent.id,
          name: { kk: parent.nameKk, ru: parent.nameRu },
          address: { kk: parent.addressKk, ru: parent.addressRu },
        }
      : null,
    address: { kk: row.addressKk, ru: row.addressRu },
    phone: row.phone,
    email: row.email,
    bin: row.bin,
    timeZone: row.timeZone,
    source: row.source,
    schedule,
    isCustomSchedule: row.customSchedule !== null,
    staff: await listStaffDirectory(services.db, { organisationId: row.id }),
  };
}
