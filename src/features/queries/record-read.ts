import type { Principal } from '../../domain/identity/authorisation.js';
import { appendAudit } from '../../storage/audit.repository.js';
import type { Database } from '../../storage/db.js';
import { auditActorOfPrincipal } from './paging.js';

/**
 * Records a read of personal data (action 'application.read') in the audit chain: one row per
 * request — the application read, or the query and how many applications it returned — in its
 * own short transaction, after the read succeeded.
 */
export async function recordRead(
  db: Database,
  principal: Principal,
  now: Date,
  read: { subjectId: string | null; details: Record<string, unknown> },
): Promise<void> {
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      occurredAt: now,
      actor: auditActorOfPrincipal(principal),
      action: 'application.read',
      subjectType: 'application',
      subjectId: read.subjectId,
      details: JSON.parse(JSON.stringify(read.details)) as Record<string, unknown>,
    }),
  );
}
