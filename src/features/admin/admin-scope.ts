import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';

/** What an administrator may see: one region, or every region (system administrator). */
export interface AdminScope {
  readonly principal: Principal & { kind: 'staff' };
  /** The region administered; undefined for a system administrator (all regions). */
  readonly regionCode: string | undefined;
}

/**
 * The scope of an administrator: a system administrator sees every region, a region
 * administrator the region of their organisation. Anyone else is forbidden.
 */
export function adminScopeOf(principal: Principal): AdminScope {
  if (principal.kind === 'staff' && principal.roles.includes(StaffRole.systemAdministrator)) {
    return { principal, regionCode: undefined };
  }
  if (principal.kind === 'staff' && principal.roles.includes(StaffRole.regionAdministrator)) {
    return { principal, regionCode: principal.regionCode };
  }
  throw new DomainError(ErrorCode.forbidden, { reason: 'administrators_only' });
}

/**
 * Whether a region is inside the scope. Organisations spell regions with underscores
 * (`north_region`), regulation folders with hyphens (`north-region`): both are accepted.
 */
export function isInScope(scope: AdminScope, regionCode: string): boolean {
  const normal = (code: string) => code.replaceAll('_', '-');
  return scope.regionCode === undefined || normal(scope.regionCode) === normal(regionCode);
}
