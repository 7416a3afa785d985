import {
  scanAuditChain,
  type AuditBreakReason,
  type AuditChainHead,
  type AuditCoverage,
} from '../../storage/audit-chain.repository.js';
import type { Database } from '../../storage/db.js';
import { sealAllAuditEvents } from './seal-audit-trail.js';

interface AuditCounts {
  /** Every audit row. */
  readonly rows: number;
  /** Rows already chained; the rest were committed after the seal (or could not be sealed). */
  readonly sealedRows: number;
  readonly unsealedRows: number;
  /** Whether MACs were checked (the installation's audit key was at hand). */
  readonly macsChecked: boolean;
  /** Application events and documents, and how many lack their audit row. */
  readonly coverage: AuditCoverage;
}

export type AuditVerification =
  | (AuditCounts & { readonly isIntact: true; readonly head: AuditChainHead | null })
  | (AuditCounts & {
      readonly isIntact: false;
      /** The first row that does not check out; null when rows are missing. */
      readonly firstBrokenId: number | null;
      readonly reason: AuditBreakReason;
    });

/**
 * Verifies the audit trail: first seals every committed row (unless `seal` is false), then
 * recomputes the chain page by page from position 1 — an altered, inserted, removed or
 * reordered row breaks its own hash or the link of the row after it, and removal of the last
 * rows shows against the sealer's last anchor. With the installation's audit key, every row
 * after the first keyed one must carry the key's MAC of its content (a row forged by someone
 * with database access only fails). Rows still unsealed (committed during the check) are
 * counted and checked against their own content hash and MAC. Finally every application event
 * and issued document must have its audit row: an emptied trail is not intact.
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
    macsChecked: scan.macsChecked,
    coverage: scan.coverage,
  };
  return scan.broken
    ? { isIntact: false, ...counts, firstBrokenId: scan.broken.id, reason: scan.broken.reason }
    : { isIntact: true, ...counts, head: scan.head };
}
