import type { Principal } from '../domain/identity/authorisation.js';
import { appendAuditRow, type AuditActor } from '../storage/audit.repository.js';
import type { Database } from '../storage/db.js';

/** The audit actor of a principal. */
export function auditActorOfPrincipal(principal: Principal): AuditActor {
  switch (principal.kind) {
    case 'citizen':
      return { kind: 'citizen', id: principal.iin };
    case 'staff':
      return { kind: 'staff', id: principal.staffId };
    case 'system':
      return { kind: 'system' };
  }
}

/**
 * Records a read of personal data (action 'application.read') in the audit trail: one row per
 * request — the application read, or the query and how many applications it returned — as one
 * insert (atomic on its own; no lock, no chain head: the sealer chains it), after the read
 * succeeded.
 */
export async function recordRead(
  db: Database,
  principal: Principal,
  now: Date,
  read: { subjectId: string | null; details: Record<string, unknown> },
): Promise<void> {
  // appendAuditRow copies `details` as JSON (as every audit row's are) before hashing them.
  await appendAuditRow(db, {
    occurredAt: now,
    actor: auditActorOfPrincipal(principal),
    action: 'application.read',
    subjectType: 'application',
    subjectId: read.subjectId,
    details: read.details,
  });
}
