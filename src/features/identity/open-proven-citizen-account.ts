import type { Transaction } from 'kysely';
import { checkNewPassword, describePasswordIssue } from '../../domain/identity/credentials.js';
import { checkIin } from '../../domain/identity/iin.js';
import { DomainError, type FieldIssue } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  claimUnverifiedCitizenAccount,
  insertCitizenAccount,
  type IdentityProof,
} from '../../storage/citizen-account.repository.js';
import type { Tables } from '../../storage/schema.js';
import { revokeAllSessions } from '../../storage/session.repository.js';

export interface RegisteredCitizen {
  readonly citizenAccountId: string;
  readonly iin: string;
  /** The phone one-time passwords go to (masked when shown). */
  readonly phone: string;
  readonly identityProof: IdentityProof;
}

type Issue = FieldIssue & { message?: unknown };

/** The IIN issue of a registration form, or undefined when the IIN is valid. */
export function iinIssue(iin: string): Issue | undefined {
  const check = checkIin(iin);
  return check.isValid ? undefined : { path: 'iin', rule: check.code, message: check.message };
}

/** The password issue of a registration form, or undefined when the password is acceptable. */
export function passwordIssue(password: string): Issue | undefined {
  const issue = checkNewPassword(password);
  return issue
    ? { path: 'password', rule: issue, message: describePasswordIssue(issue) }
    : undefined;
}

/** Throws validation_failed with the issues, when there are any. */
export function refuseIssues(issues: readonly (Issue | undefined)[]): void {
  const present = issues.filter((issue): issue is Issue => issue !== undefined);
  if (present.length > 0) throw new DomainError('validation_failed', { issues: present });
}

/** The conflict of a registration for an IIN that already has a proved account. */
export const alreadyRegistered = () =>
  new DomainError('conflict', { reason: 'iin_already_registered', field: 'iin' });

/**
 * Opens the account of a person who has just proved the IIN (inside the caller's
 * transaction, after the proof was checked): inserts it, or — when an unverified account
 * from before proofs were required holds the IIN — gives that account to the prover (new
 * phone and password, its sessions ended: whoever registered it without proof is out).
 * A proved account is never taken over: conflict `iin_already_registered`.
 */
export async function openProvenCitizenAccount(
  trx: Transaction<Tables>,
  account: { iin: string; phone: string; passwordHash: string; identityProof: IdentityProof },
  now: Date,
): Promise<RegisteredCitizen> {
  const values = { ...account, now };
  const inserted = await insertCitizenAccount(trx, values);
  const claimed = inserted ? undefined : await claimUnverifiedCitizenAccount(trx, values);
  const opened = inserted ?? claimed;
  if (!opened) throw alreadyRegistered();
  const sessionsEnded = claimed
    ? await revokeAllSessions(trx, { subjectKind: 'citizen', subjectId: claimed.id }, now)
    : 0;
  await appendAudit(trx, {
    occurredAt: now,
    actor: { kind: 'citizen', id: opened.id },
    action: claimed ? 'citizen.unverified_account_claimed' : 'citizen.registered',
    subjectType: 'citizen_account',
    subjectId: opened.id,
    details: {
      iin: account.iin,
      identityProof: account.identityProof,
      ...(claimed ? { sessionsEnded } : {}),
    },
  });
  return {
    citizenAccountId: opened.id,
    iin: opened.iin,
    phone: opened.phone,
    identityProof: account.identityProof,
  };
}
