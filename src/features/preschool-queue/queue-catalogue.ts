import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import {
  listKindergartensInDistrict,
  listKindergartensOfOrganisation,
  listQueueDistricts,
} from '../../storage/preschool-queue-view.repository.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { listReferralsAwaitingEnrolment } from '../../storage/preschool-queue-referral.repository.js';
import type { QueueServices } from './queue-services.js';

/** The districts that keep a queue (in regions whose rules are loaded), with their names. */
export async function listQueueDistrictsWithRules(services: Pick<QueueServices, 'db' | 'rules'>) {
  const districts = await listQueueDistricts(services.db);
  return districts.filter((district) => services.rules.has(district.region));
}

/** The kindergartens and groups of one district (the registration form's choices). */
export async function listDistrictKindergartens(
  services: Pick<QueueServices, 'db'>,
  key: { region: string; district: string },
) {
  return listKindergartensInDistrict(services.db, key);
}

/** The kindergartens whose places the signed-in staff member publishes (head or executor). */
export async function listOwnKindergartens(
  services: Pick<QueueServices, 'db'>,
  principal: Principal,
) {
  if (
    principal.kind !== 'staff' ||
    !principal.roles.some((role) => role === StaffRole.head || role === StaffRole.executor)
  ) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'vacancy_staff_only' });
  }
  return listKindergartensOfOrganisation(services.db, principal.organisationId);
}

/**
 * The referrals the signed-in kindergarten staff member enrols on (head or executor of the
 * kindergartens' organisation): number, slip, group, validity and the signed document.
 */
export async function listOwnReferrals(
  services: Pick<QueueServices, 'db' | 'now'>,
  principal: Principal,
) {
  if (
    principal.kind !== 'staff' ||
    !principal.roles.some((role) => role === StaffRole.head || role === StaffRole.executor)
  ) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'vacancy_staff_only' });
  }
  return listReferralsAwaitingEnrolment(services.db, principal.organisationId, services.now());
}
