import {
  scanAuditChain,
  type AuditBreakReason,
  type AuditChainHead,
} from '../../storage/audit-chain.repository.js';
import type { Database } from '../../storage/db.js';
import { sealAllAuditEvents } from './seal-audit-trail.js';

interface AuditCounts {
  /** Every audit row. */
  readonly rows: number;
  /** Rows already chained; the rest were committed after the seal (or could not be sealed). */
  readonly sealedRows: number;
  readonly unsealedRows: number;
}

export type AuditVerification =
  | (AuditCounts & { readonly isIntact: true; readonly head: AuditChainHead | null })
  | (AuditCounts & {
      readonly isIntact: false;
      /** The first row that does not check out; null when rows are missing at the end. */
      readonly firstBrokenId: number | null;
      readonly reason: AuditBreakReason;
    });

/**
 * Verifies the audit trail: first seals every committed row (unless `seal` is false), then
 * recomputes the chain page by page from position 1 — an altered, inserted, removed or
 * reordered row breaks its own hash or the link of the row after it, and removal of the last
 * rows shows against the sealer's last anchor. Rows still unsealed (committed during the
 * check) are counted and checked against their own content hash.
 */
export async function verifyAuditTrail(
  db: Database,
  options: { seal?: boolean; now?: () => Date } = {},
): Promise<AuditVerification> {
  if (options.seal !== false) await sealAllAuditEvents(db, options.now ?? (() => new Date()));
  const scan = await scanAuditChain(db);
  const counts = {
    rows: scan.rows,
    sealedRows: scan.sealedRows,
    unsealedRows: scan.unsealedRows,
  };
  return scan.broken
    ? { isIntact: false, ...counts, firstBrokenId: scan.broken.id, reason: scan.broken.reason }
    : { isIntact: true, ...counts, head: scan.head };
}
