import { sealAuditEvents, type AuditSealRound } from '../../storage/audit-chain.repository.js';
import type { Database } from '../../storage/db.js';

/** Rows chained per sealing round (one transaction each). */
export const auditSealBatchSize = 1_000;

/**
 * One round of the audit sealer (the worker's 'audit-seal' job): chains up to
 * {@link auditSealBatchSize} committed audit rows and anchors the new head. Several workers may
 * run it; a round that finds another sealer at work does nothing.
 */
export async function sealAuditTrail(db: Database, now: Date): Promise<AuditSealRound> {
  return sealAuditEvents(db, { now, batchSize: auditSealBatchSize, wait: false });
}

/**
 * Seals everything committed so far, waiting for a sealer at work instead of skipping: used
 * before a verification. Stops early at a row altered before it was sealed. Returns how many
 * rows it chained.
 */
export async function sealAllAuditEvents(db: Database, now: () => Date): Promise<number> {
  let total = 0;
  for (;;) {
    const round = await sealAuditEvents(db, {
      now: now(),
      batchSize: auditSealBatchSize,
      wait: true,
    });
    total += round.sealed;
    if (round.sealed < auditSealBatchSize || round.blockedAtId !== undefined) return total;
  }
}
