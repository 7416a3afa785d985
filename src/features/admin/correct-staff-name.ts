import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import { setStaffAccountName } from '../../storage/staff-directory.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { adminScopeOf, isInScope } from './admin-scope.js';

export const CorrectStaffNameInput = z
  .object({
    staffId: z.uuid(),
    fullName: z.string().trim().min(1).max(200).describe('Russian spelling'),
    fullNameKk: z.string().trim().min(1).max(200).describe('Kazakh spelling'),
  })
  .strict();

/**
 * The administration corrects a staff member's name, in both spellings (issue 18, point 4);
 * audited as 'staff_account.renamed' with the names before and after. Documents already issued
 * keep the name they were signed with. An account outside the region is not found.
 */
export async function correctStaffName(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof CorrectStaffNameInput>,
): Promise<{ staffId: string; changed: boolean }> {
  const scope = adminScopeOf(principal);
  const input = parseInput(CorrectStaffNameInput, rawInput);
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const account = await findStaffAccount(trx, input.staffId);
    if (!account || !isInScope(scope, account.regionCode)) {
      throw new DomainError(ErrorCode.notFound, { staffId: input.staffId });
    }
    const before = { fullName: account.fullName, fullNameKk: account.fullNameKk };
    const after = { fullName: input.fullName, fullNameKk: input.fullNameKk };
    const changed = before.fullName !== after.fullName || before.fullNameKk !== after.fullNameKk;
    if (changed) {
      await setStaffAccountName(trx, account.id, after, now);
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'staff', id: scope.principal.staffId },
        action: 'staff_account.renamed',
        subjectType: 'staff_account',
        subjectId: account.id,
        details: { organisationId: account.organisationId, before, after },
      });
    }
    return { staffId: account.id, changed };
  });
}
