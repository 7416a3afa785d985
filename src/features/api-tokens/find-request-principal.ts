import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findCitizenAccount } from '../../storage/citizen-account.repository.js';
import type { Database } from '../../storage/db.js';
import { getStaffPrincipal } from '../identity/create-staff-account.js';
import { findSession } from '../identity/sessions.js';
import { findApiTokenPrincipal } from './authenticate-api-token.js';

/** The credentials a request carries. */
export interface RequestCredentials {
  /** The value of the Authorization header, if any. */
  readonly authorization: string | undefined;
  /** The session cookie's token, if any. */
  readonly sessionToken: string | undefined;
}

/**
 * The principal of an API request: an API token (`Authorization: Bearer <token>`) for systems
 * that integrate, else the session cookie of a signed-in person (a citizen, or a staff
 * member once staff sessions exist). A request that presents a bearer token is judged by it
 * alone: an unknown or revoked token is refused even with a cookie.
 * @throws DomainError(unauthenticated) without valid credentials.
 */
export async function getRequestPrincipal(
  db: Database,
  credentials: RequestCredentials,
  now: Date,
): Promise<Principal> {
  if (credentials.authorization !== undefined) {
    const [scheme, token] = credentials.authorization.trim().split(/\s+/, 2);
    const principal =
      scheme?.toLowerCase() === 'bearer' && token
        ? await findApiTokenPrincipal(db, token, now)
        : undefined;
    if (!principal) throw new DomainError(ErrorCode.unauthenticated, { reason: 'invalid_token' });
    return principal;
  }
  const session = credentials.sessionToken
    ? await findSession({ db }, credentials.sessionToken, now)
    : undefined;
  if (!session) throw new DomainError(ErrorCode.unauthenticated, { reason: 'no_credentials' });
  if (session.subjectKind === 'staff') return getStaffPrincipal(db, session.subjectId);
  const account = await findCitizenAccount(db, session.subjectId);
  if (!account) throw new DomainError(ErrorCode.unauthenticated, { reason: 'no_account' });
  return { kind: 'citizen', iin: account.iin };
}
