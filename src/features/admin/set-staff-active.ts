import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import { setStaffAccountActive } from '../../storage/staff-directory.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { apiTokenCacheOf } from '../api-tokens/api-token-cache.js';
import { adminScopeOf, isInScope } from './admin-scope.js';

export const SetStaffActiveInput = z.object({ staffId: z.uuid(), isActive: z.boolean() }).strict();

/**
 * An administrator activates or deactivates a staff account of their region (a deactivated
 * account can no longer sign in, and its sessions and tokens stop working). Audited as
 * 'staff_account.activated' / 'staff_account.deactivated'. An account outside the region is
 * not found; administrators cannot deactivate themselves.
 */
export async function setStaffActive(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof SetStaffActiveInput>,
): Promise<{ staffId: string; isActive: boolean; changed: boolean }> {
  const scope = adminScopeOf(principal);
  const input = parseInput(SetStaffActiveInput, rawInput);
  if (input.staffId === scope.principal.staffId && !input.isActive) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'staffId', rule: 'not_yourself' }],
    });
  }
  const now = services.now();
  const result = await services.db.transaction().execute(async (trx) => {
    const account = await findStaffAccount(trx, input.staffId);
    if (!account || !isInScope(scope, account.regionCode)) {
      throw new DomainError(ErrorCode.notFound, { staffId: input.staffId });
    }
    const changed = await setStaffAccountActive(trx, account.id, input.isActive, now);
    if (changed) {
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'staff', id: scope.principal.staffId },
        action: input.isActive ? 'staff_account.activated' : 'staff_account.deactivated',
        subjectType: 'staff_account',
        subjectId: account.id,
        details: { organisationId: account.organisationId },
      });
    }
    return { staffId: account.id, isActive: input.isActive, changed };
  });
  // The account's API tokens stop working at once here, within seconds on other nodes.
  if (result.changed && !result.isActive) apiTokenCacheOf(services.db).forget();
  return result;
}
