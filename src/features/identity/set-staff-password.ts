import type { AuditActor } from '../../storage/audit.repository.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Database } from '../../storage/db.js';
import { findStaffAccountId, updateStaffPassword } from '../../storage/staff-account.repository.js';
import { hashPassword } from './identity-services.js';
import { clearAccountLoginFailures } from './login-throttle.js';

/** The shortest password a staff account may have. */
export const minimumStaffPasswordLength = 10;

/**
 * Sets the password of the staff account of `iin` in `organisationId` (argon2id), audited
 * without the password. DomainError('validation_failed') for a password shorter than
 * {@link minimumStaffPasswordLength}, 'not_found' when there is no such account.
 */
export async function setStaffPassword(
  db: Database,
  actor: AuditActor,
  input: { organisationId: string; iin: string; password: string },
  now: Date,
): Promise<{ staffId: string }> {
  if (input.password.length < minimumStaffPasswordLength) {
    throw new DomainError('validation_failed', {
      issues: [
        { path: 'password', rule: 'too_short', params: { minimum: minimumStaffPasswordLength } },
      ],
    });
  }
  const staffId = await findStaffAccountId(db, input.organisationId, input.iin.trim());
  if (!staffId) {
    throw new DomainError('not_found', { organisationId: input.organisationId, iin: input.iin });
  }
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await updateStaffPassword(trx, staffId, passwordHash, now);
    // A password set by an administrator ends any sign-in delay of the person.
    await clearAccountLoginFailures(trx, 'staff', input.iin.trim());
    await appendAudit(trx, {
      occurredAt: now,
      actor,
      action: 'staff.password_set',
      subjectType: 'staff_account',
      subjectId: staffId,
    });
  });
  return { staffId };
}
