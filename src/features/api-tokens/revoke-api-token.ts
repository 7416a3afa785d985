import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { revokeApiToken as markRevoked } from '../../storage/api-token.repository.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import type { Database } from '../../storage/db.js';
import { apiTokenCacheOf } from './api-token-cache.js';

/**
 * Revokes an API token: from now on it is refused (401) by this process, and within 5 s by every
 * other node (`api-token-cache.ts`). Audited.
 * @throws DomainError(not_found) when there is no such unrevoked token.
 */
export async function revokeApiToken(
  db: Database,
  actor: AuditActor,
  tokenId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await markRevoked(trx, tokenId, now))) {
      throw new DomainError(ErrorCode.notFound, { tokenId });
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor,
      action: 'api_token.revoked',
      subjectType: 'api_token',
      subjectId: tokenId,
    });
  });
  // Refused at once by this process; by the others within the cache's few seconds.
  apiTokenCacheOf(db).forget();
}
