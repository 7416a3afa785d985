import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { StaffRole } from '../../domain/shared/roles.js';
import { findOrganisation } from '../../storage/organisation.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { createStaffAccount } from '../identity/create-staff-account.js';
import { adminScopeOf, isInScope } from './admin-scope.js';

/** A new staff member as the administration enters them. */
export interface NewStaffMember {
  readonly organisationId: string;
  readonly iin: string;
  /** The name as the identity document spells it in Russian. */
  readonly fullName: string;
  /** Its Kazakh spelling. */
  readonly fullNameKk: string;
  readonly roles: readonly StaffRole[];
}

/**
 * The administration adds a staff member to an organisation of its region (issue 18, point 4):
 * IIN, the full name in both spellings and the roles; audited as 'staff_account.created'
 * (createStaffAccount). An organisation outside the region is not found. The member signs in
 * once a password is set (`qyzmet staff set-password`).
 */
export async function addStaffMember(
  services: ApplicationServices,
  principal: Principal,
  member: NewStaffMember,
): Promise<{ staffId: string }> {
  const scope = adminScopeOf(principal);
  const organisation = await findOrganisation(services.db, member.organisationId);
  if (!organisation || !isInScope(scope, organisation.regionCode)) {
    throw new DomainError(ErrorCode.notFound, { organisationId: member.organisationId });
  }
  return createStaffAccount(
    services.db,
    principal,
    {
      organisationId: organisation.id,
      iin: member.iin.trim(),
      fullName: member.fullName,
      ...(member.fullNameKk.trim() ? { fullNameKk: member.fullNameKk } : {}),
      roles: member.roles,
    },
    services.now(),
  );
}
