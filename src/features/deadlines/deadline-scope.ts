import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';

/** Paging of back-office lists. */
export interface Page {
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * Which applications a staff member's deadline lists cover: a region administrator's whole
 * region, anyone else's own organisation. Citizens and the system have no back-office lists.
 */
export function deadlineListScope(
  principal: Principal,
  page: Page,
): { organisationId?: string; regionCode?: string; limit: number; offset: number } {
  if (principal.kind !== 'staff')
    throw new DomainError(ErrorCode.forbidden, { reason: 'staff_only' });
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50), 1), 500);
  const offset = Math.max(Math.trunc(page.offset ?? 0), 0);
  return principal.roles.includes(StaffRole.regionAdministrator)
    ? { regionCode: principal.regionCode, limit, offset }
    : { organisationId: principal.organisationId, limit, offset };
}
