import { assertCanPerform, type Principal } from '../../domain/identity/authorisation.js';
import { isValidIin } from '../../domain/identity/iin.js';
import { DomainError, type FieldIssue } from '../../domain/shared/domain-error.js';
import { StaffRole, staffRoles } from '../../domain/shared/roles.js';
import { appendAudit } from '../../storage/audit.repository.js';
import type { Database } from '../../storage/db.js';
import { findOrganisation } from '../../storage/organisation.repository.js';
import { findStaffAccount, insertStaffAccount } from '../../storage/staff-account.repository.js';

export interface NewStaffAccount {
  readonly organisationId: string;
  readonly iin: string;
  readonly fullName: string;
  /** The Kazakh spelling of the name; the Russian one when not given. */
  readonly fullNameKk?: string;
  readonly roles: readonly StaffRole[];
}

/**
 * Creates a staff account with roles scoped to one organisation. Only an administrator of
 * that organisation may do it (region administrator of its region, system administrator),
 * or the system itself (bootstrap of the first administrator). Only a system administrator
 * grants the system administrator role.
 */
export async function createStaffAccount(
  db: Database,
  actor: Principal,
  account: NewStaffAccount,
  now: Date,
): Promise<{ staffId: string }> {
  const issues: FieldIssue[] = [];
  if (!isValidIin(account.iin)) issues.push({ path: 'iin', rule: 'iin' });
  if (!account.fullName.trim()) issues.push({ path: 'fullName', rule: 'required' });
  else if (account.fullName.trim().length > 200)
    issues.push({ path: 'fullName', rule: 'too_big', params: { maximum: 200 } });
  if (account.fullNameKk !== undefined && account.fullNameKk.trim().length > 200)
    issues.push({ path: 'fullNameKk', rule: 'too_big', params: { maximum: 200 } });
  const roles = [...new Set(account.roles)];
  if (roles.length === 0 || roles.some((role) => !staffRoles.includes(role))) {
    issues.push({ path: 'roles', rule: 'staff_roles' });
  }
  if (issues.length > 0) throw new DomainError('validation_failed', { issues });

  return db.transaction().execute(async (trx) => {
    const organisation = await findOrganisation(trx, account.organisationId);
    if (!organisation)
      throw new DomainError('not_found', { organisationId: account.organisationId });
    if (actor.kind !== 'system') {
      assertCanPerform(
        actor,
        { kind: 'administer_organisation' },
        {
          kind: 'organisation',
          organisationId: organisation.id,
          regionCode: organisation.regionCode,
        },
      );
      if (
        roles.includes(StaffRole.systemAdministrator) &&
        !(actor.kind === 'staff' && actor.roles.includes(StaffRole.systemAdministrator))
      ) {
        throw new DomainError('forbidden', { reason: 'only_system_administrators_grant_it' });
      }
    }
    const staffId = await insertStaffAccount(trx, {
      organisationId: organisation.id,
      iin: account.iin,
      fullName: account.fullName.trim(),
      fullNameKk: account.fullNameKk?.trim() || account.fullName.trim(),
      roles,
      now,
    });
    if (!staffId)
      throw new DomainError('conflict', {
        reason: 'staff_account_exists',
        organisationId: organisation.id,
      });
    await appendAudit(trx, {
      occurredAt: now,
      actor: actor.kind === 'staff' ? { kind: 'staff', id: actor.staffId } : { kind: 'system' },
      action: 'staff_account.created',
      subjectType: 'staff_account',
      subjectId: staffId,
      details: { organisationId: organisation.id, roles, iin: account.iin },
    });
    return { staffId };
  });
}

/** The authorisation principal of an active staff account; throws unauthenticated otherwise. */
export async function getStaffPrincipal(
  db: Database,
  staffId: string,
): Promise<Principal & { kind: 'staff' }> {
  const account = await findStaffAccount(db, staffId);
  if (!account?.isActive) throw new DomainError('unauthenticated', { reason: 'no_staff_account' });
  return {
    kind: 'staff',
    staffId: account.id,
    roles: account.roles as StaffRole[],
    organisationId: account.organisationId,
    regionCode: account.regionCode,
  };
}
