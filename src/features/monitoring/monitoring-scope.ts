import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';

/**
 * Whose quality indicators a principal may read (issue 20): a system administrator every
 * region, a region administrator their organisation's region; anyone else is forbidden (the
 * same rule as the administration's, `features/admin/admin-scope.ts`). The public figures are
 * `get-open-quality-data.ts`, without a principal.
 */
export function monitoringRegionOf(principal: Principal): { regionCode: string | undefined } {
  if (principal.kind === 'staff' && principal.roles.includes(StaffRole.systemAdministrator)) {
    return { regionCode: undefined };
  }
  if (principal.kind === 'staff' && principal.roles.includes(StaffRole.regionAdministrator)) {
    return { regionCode: principal.regionCode };
  }
  throw new DomainError(ErrorCode.forbidden, { reason: 'administrators_only' });
}
