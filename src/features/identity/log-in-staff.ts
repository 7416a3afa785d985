import { DomainError } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { insertSession } from '../../storage/session.repository.js';
import { findStaffLoginCandidates } from '../../storage/staff-account.repository.js';
import {
  checkPassword,
  createSessionToken,
  defaultSessionTtlMs,
  type IdentityServices,
} from './identity-services.js';
import {
  assertLoginAllowed,
  clearLoginFailures,
  loginThrottleKeys,
  recordLoginFailure,
} from './login-throttle.js';

/** A staff member's session. */
export interface StaffSession {
  readonly sessionId: string;
  readonly staffId: string;
  readonly organisationId: string;
  /** The secret for the session cookie; stored only as a hash. */
  readonly token: string;
  readonly expiresAt: Date;
}

/** The outcome of a staff login: a session, or the organisations to choose from. */
export type StaffLoginOutcome =
  | { readonly kind: 'signed_in'; readonly session: StaffSession }
  | {
      readonly kind: 'choose_organisation';
      readonly organisations: readonly {
        id: string;
        name: { kk: string; ru: string };
      }[];
    };

/**
 * A staff member signs in with IIN and password. Someone who works in several organisations
 * (one account each) chooses which one to work for: without `organisationId` they get the
 * list, with it a session for that account. An unknown IIN, a wrong password and an
 * organisation the person does not work in all give the same DomainError('unauthenticated'),
 * after a full password check (no enumeration by timing). Wrong passwords slow the IIN down
 * like a citizen's (a growing delay per account and per client address `source`, see
 * {@link defaultLoginThrottlePolicy}): an attempt before its delay has passed is
 * DomainError('rate_limited', { reason: 'login_locked', retryAfterSeconds }). The caller also
 * limits attempts per client address; failures are audited.
 */
export async function logInStaff(
  services: Pick<IdentityServices, 'db' | 'sessionTtlMs' | 'loginThrottle'>,
  credentials: { iin: string; password: string; organisationId?: string; source?: string },
  now: Date,
): Promise<StaffLoginOutcome> {
  const iin = credentials.iin.trim();
  const keys = loginThrottleKeys('staff', iin, credentials.source ?? 'local');
  await assertLoginAllowed(services.db, keys, now);
  const candidates = /^\d{12}$/.test(iin) ? await findStaffLoginCandidates(services.db, iin) : [];
  const chosen = credentials.organisationId
    ? candidates.filter((candidate) => candidate.organisationId === credentials.organisationId)
    : candidates;
  // Every account of one person may have its own password: keep those that match.
  const matching: typeof candidates = [];
  for (const candidate of chosen) {
    if (await checkPassword(credentials.password, candidate.passwordHash)) matching.push(candidate);
  }
  if (chosen.length === 0) await checkPassword(credentials.password, undefined);
  if (matching.length === 0) {
    await services.db.transaction().execute(async (trx) => {
      const failure = await recordLoginFailure(trx, keys, now, services.loginThrottle);
      if (candidates.length === 0) return;
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'anonymous' },
        action: failure.delayedUntil ? 'staff.login_delayed' : 'staff.login_failed',
        subjectType: 'staff_account',
        subjectId: candidates[0]!.id,
        details: {
          accounts: candidates.length,
          failedLoginCount: failure.failures,
          source: credentials.source ?? 'local',
          delayedUntil: failure.delayedUntil?.toISOString() ?? null,
        },
      });
    });
    throw new DomainError('unauthenticated', { reason: 'invalid_credentials' });
  }
  if (matching.length > 1) {
    return {
      kind: 'choose_organisation',
      organisations: matching.map((candidate) => ({
        id: candidate.organisationId,
        name: candidate.organisationName,
      })),
    };
  }
  const account = matching[0]!;
  const { token, tokenHash } = createSessionToken();
  const expiresAt = new Date(now.getTime() + (services.sessionTtlMs ?? defaultSessionTtlMs));
  const sessionId = await services.db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, keys);
    const id = await insertSession(trx, {
      subjectKind: 'staff',
      subjectId: account.id,
      tokenHash,
      createdAt: now,
      expiresAt,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: account.id },
      action: 'session.created',
      subjectType: 'session',
      subjectId: id,
      details: { expiresAt: expiresAt.toISOString(), organisationId: account.organisationId },
    });
    return id;
  });
  return {
    kind: 'signed_in',
    session: {
      sessionId,
      staffId: account.id,
      organisationId: account.organisationId,
      token,
      expiresAt,
    },
  };
}
