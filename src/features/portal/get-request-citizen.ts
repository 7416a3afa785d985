import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findCitizenAccount } from '../../storage/citizen-account.repository.js';
import type { Database } from '../../storage/db.js';
import {
  getRequestPrincipal,
  type RequestCredentials,
} from '../api-tokens/find-request-principal.js';
import { findSession } from '../identity/sessions.js';
import type { PortalCitizen } from './portal-citizen.js';

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
