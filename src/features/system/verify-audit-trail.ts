import { sql } from 'kysely';
import type { Database } from '../../storage/db.js';
import { findBrokenAuditLink } from '../../storage/audit.repository.js';

export type AuditVerification =
  | { readonly isIntact: true; readonly rows: number }
  | { readonly isIntact: false; readonly rows: number; readonly firstBrokenId: number };

/**
 * Recomputes the hash chain of the audit trail from the first row: an altered, inserted or
 * removed row breaks the link of the row after it (or its own hash).
 */
export async function verifyAuditTrail(db: Database): Promise<AuditVerification> {
  const { rows } = await sql<{ count: number }>`select count(*) as count from audit_event`.execute(
    db,
  );
  const count = rows[0]?.count ?? 0;
  const broken = await findBrokenAuditLink(db);
  return broken === undefined
    ? { isIntact: true, rows: count }
    : { isIntact: false, rows: count, firstBrokenId: broken };
}
