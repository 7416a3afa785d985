import type { Principal } from '../../domain/identity/authorisation.js';
import type { PortalCitizen } from '../../domain/identity/portal-citizen.js';
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

/**
 * The signed-in citizen of an API request, as the portal's use cases need them (account,
 * IIN, the phone one-time passwords go to): only a citizen's session cookie qualifies — an
 * API token is a system's, a staff session is staff's — so the API's portal requests are
 * made by the citizen in person, exactly as on the portal's pages.
 * @throws DomainError(unauthenticated) without a session, (forbidden) for any other caller.
 */
export async function getRequestCitizen(
  db: Database,
  credentials: RequestCredentials,
  now: Date,
): Promise<PortalCitizen> {
  if (credentials.authorization !== undefined) {
    await getRequestPrincipal(db, credentials, now);
    throw new DomainError(ErrorCode.forbidden, { reason: 'citizen_session_required' });
  }
  const session = credentials.sessionToken
    ? await findSession({ db }, credentials.sessionToken, now)
    : undefined;
  if (!session) throw new DomainError(ErrorCode.unauthenticated, { reason: 'no_credentials' });
  if (session.subjectKind !== 'citizen') {
    throw new DomainError(ErrorCode.forbidden, { reason: 'citizen_session_required' });
  }
  const account = await findCitizenAccount(db, session.subjectId);
  if (!account) throw new DomainError(ErrorCode.unauthenticated, { reason: 'no_account' });
  return { accountId: account.id, iin: account.iin, phone: account.phone };
}
