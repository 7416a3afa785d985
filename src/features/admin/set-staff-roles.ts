import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import { setStaffAccountRoles } from '../../storage/staff-directory.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { adminScopeOf, isInScope } from './admin-scope.js';

export const SetStaffRolesInput = z
  .object({ staffId: z.uuid(), roles: z.array(z.enum(StaffRole)).min(1) })
  .strict();

/**
 * An administrator changes the roles of a staff account of their region; audited as
 * 'staff_account.roles_changed' with the roles before and after. Only a system administrator
 * grants or removes the system administrator role; nobody changes their own roles. An
 * account outside the region is not found.
 */
export async function setStaffRoles(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof SetStaffRolesInput>,
): Promise<{ staffId: string; roles: StaffRole[]; changed: boolean }> {
  const scope = adminScopeOf(principal);
  const input = parseInput(SetStaffRolesInput, rawInput);
  const roles = [...new Set(input.roles)].sort();
  if (input.staffId === scope.principal.staffId) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'own_roles' });
  }
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const account = await findStaffAccount(trx, input.staffId);
    if (!account || !isInScope(scope, account.regionCode)) {
      throw new DomainError(ErrorCode.notFound, { staffId: input.staffId });
    }
    const before = [...account.roles].sort();
    const touchesSystem =
      before.includes(StaffRole.systemAdministrator) !==
      roles.includes(StaffRole.systemAdministrator);
    if (touchesSystem && scope.regionCode !== undefined) {
      throw new DomainError(ErrorCode.forbidden, { reason: 'only_system_administrators_grant_it' });
    }
    const changed = before.join(',') !== roles.join(',');
    if (changed) {
      await setStaffAccountRoles(trx, account.id, roles, now);
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'staff', id: scope.principal.staffId },
        action: 'staff_account.roles_changed',
        subjectType: 'staff_account',
        subjectId: account.id,
        details: { organisationId: account.organisationId, before, after: roles },
      });
    }
    return { staffId: account.id, roles, changed };
  });
}
