import type { Principal } from '../../domain/identity/authorisation.js';
import type { StaffRole } from '../../domain/shared/roles.js';
import { findActiveApiTokenByHash, touchApiToken } from '../../storage/api-token.repository.js';
import type { Database } from '../../storage/db.js';
import { apiTokenCacheOf, type ApiTokenCache } from './api-token-cache.js';
import { apiTokenPrefix, hashApiToken } from './create-api-token.js';

/**
 * The staff principal an API token acts as, or undefined when the token is unknown or revoked.
 * A token bound to a staff account acts as that account (while it is active); otherwise as
 * `api-token:<id>` with the token's roles in its organisation. Records the use (at most once
 * a minute). A token found active is trusted for a few seconds without asking the database
 * again (`api-token-cache.ts`: a revocation elsewhere takes effect within 5 s on every node).
 */
export async function findApiTokenPrincipal(
  db: Database,
  token: string,
  now: Date,
  cache: ApiTokenCache = apiTokenCacheOf(db),
): Promise<(Principal & { kind: 'staff' }) | undefined> {
  if (!token.startsWith(apiTokenPrefix) || token.length > 200) return undefined;
  const hash = hashApiToken(token);
  let row = cache.get(hash);
  if (!row) {
    row = await findActiveApiTokenByHash(db, hash);
    // A token bound to a staff account stops working when the account is deactivated.
    if (!row || (row.staffAccountId !== null && row.isStaffActive !== true)) return undefined;
    cache.remember(hash, row);
  }
  // Recorded at most once a minute: a busy integration does not write on every request.
  const isStale = !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= 60_000;
  if (isStale) {
    await touchApiToken(db, row.id, now);
    cache.touched(hash, now);
  }
  return {
    kind: 'staff',
    staffId: row.staffAccountId ?? `api-token:${row.id}`,
    roles: row.roles as StaffRole[],
    organisationId: row.organisationId,
    regionCode: row.regionCode,
  };
}
