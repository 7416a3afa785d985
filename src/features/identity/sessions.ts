import { DomainError } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  findActiveSessionByTokenHash,
  revokeAllSessions,
  revokeSession,
} from '../../storage/session.repository.js';
import { hashSessionToken, type IdentityServices } from './identity-services.js';

/** Who a valid session token belongs to. */
export interface AuthenticatedSession {
  readonly sessionId: string;
  readonly subjectKind: 'citizen' | 'staff';
  readonly subjectId: string;
  readonly expiresAt: Date;
}

/** The session of a token, or undefined when it is unknown, revoked or expired at `now`. */
export async function findSession(
  services: Pick<IdentityServices, 'db'>,
  token: string,
  now: Date,
): Promise<AuthenticatedSession | undefined> {
  if (!token) return undefined;
  const session = await findActiveSessionByTokenHash(services.db, hashSessionToken(token), now);
  return (
    session && {
      sessionId: session.id,
      subjectKind: session.subjectKind,
      subjectId: session.subjectId,
      expiresAt: session.expiresAt,
    }
  );
}

/** Like {@link findSession}, but throws DomainError('unauthenticated') without a valid session. */
export async function getSession(
  services: Pick<IdentityServices, 'db'>,
  token: string,
  now: Date,
): Promise<AuthenticatedSession> {
  const session = await findSession(services, token, now);
  if (!session) throw new DomainError('unauthenticated', { reason: 'no_session' });
  return session;
}

/** Ends the session of this token (logout). Does nothing for an unknown or ended one. */
export async function logOut(
  services: Pick<IdentityServices, 'db'>,
  token: string,
  now: Date,
): Promise<void> {
  const session = await findSession(services, token, now);
  if (!session) return;
  await services.db.transaction().execute(async (trx) => {
    if (!(await revokeSession(trx, session.sessionId, now))) return;
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: session.subjectKind, id: session.subjectId },
      action: 'session.revoked',
      subjectType: 'session',
      subjectId: session.sessionId,
    });
  });
}

/**
 * Ends every session of the token's owner ("log out everywhere"): other browsers and
 * devices must sign in again. Returns how many sessions ended.
 */
export async function logOutEverywhere(
  services: Pick<IdentityServices, 'db'>,
  token: string,
  now: Date,
): Promise<number> {
  const session = await getSession(services, token, now);
  return services.db.transaction().execute(async (trx) => {
    const count = await revokeAllSessions(trx, session, now);
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: session.subjectKind, id: session.subjectId },
      action: 'session.revoked_all',
      subjectType: `${session.subjectKind}_account`,
      subjectId: session.subjectId,
      details: { count },
    });
    return count;
  });
}
