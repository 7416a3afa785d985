import type { Principal } from '../../domain/identity/authorisation.js';
import type { StaffRole } from '../../domain/shared/roles.js';
import { findActiveApiTokenByHash, touchApiToken } from '../../storage/api-token.repository.js';
import type { Database } from '../../storage/db.js';
import { apiTokenPrefix, hashApiToken } from './create-api-token.js';

/**
 * The staff principal an API token acts as, or undefined when the token is unknown or revoked.
 * A token bound to a staff account acts as that account (while it is active); otherwise as
 * `api-token:<id>` with the token's roles in its organisation. Records the use (at most once
 * a minute).
 */
export async function findApiTokenPrincipal(
  db: Database,
  token: string,
  now: Date,
): Promise<(Principal & { kind: 'staff' }) | undefined> {
  if (!token.startsWith(apiTokenPrefix) || token.length > 200) return undefined;
  const row = await findActiveApiTokenByHash(db, hashApiToken(token));
  // A token bound to a staff account stops working when the account is deactivated.
  if (!row || (row.staffAccountId !== null && row.isStaffActive !== true)) return undefined;
  // Recorded at most once a minute: a busy integration does not write on every request.
  const isStale = !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= 60_000;
  if (isStale) await touchApiToken(db, row.id, now);
  return {
    kind: 'staff',
    staffId: row.staffAccountId ?? `api-token:${row.id}`,
    roles: row.roles as StaffRole[],
    organisationId: row.organisationId,
    regionCode: row.regionCode,
  };
}
