import fs from 'node:fs';
import path from 'node:path';
import type { InstallationSigner } from '../../signing/installation-key.js';
import { signWithInstallationKey } from '../../signing/installation-key.js';
import { findChainHead } from '../../storage/audit-chain.repository.js';
import type { Database } from '../../storage/db.js';
import { findInstance } from '../../storage/instance.repository.js';
import { auditHeadFormat, signedTextOf, type SignedAuditHead } from './audit-head.js';

/** Where the head goes: a folder an auditor collects, and/or a URL that receives a POST. */
export interface AuditHeadTarget {
  readonly directory: string;
  readonly url?: string;
  /** How long a POST may take before it counts as failed. */
  readonly timeoutMs?: number;
  /** Export nothing when the head still has this hash (already exported). */
  readonly skipHash?: string;
}

/** What one export did. */
export interface AuditHeadExport {
  readonly head: SignedAuditHead | undefined;
  /** The file written (undefined when nothing is sealed yet). */
  readonly file?: string;
  /** Whether the POST was accepted (2xx); undefined without a URL. */
  readonly posted?: boolean;
}

/**
 * Signs the audit chain's current head with the installation's key. Undefined while nothing
 * is sealed (or before the installation's first start).
 */
export async function signAuditHead(
  db: Database,
  signer: InstallationSigner,
  now: Date,
): Promise<SignedAuditHead | undefined> {
  const [head, instance] = await Promise.all([findChainHead(db), findInstance(db)]);
  if (!head || !instance) return undefined;
  const unsigned = {
    format: auditHeadFormat,
    installationId: instance.installationId,
    position: head.position,
    hash: head.hash,
    mac: head.mac,
    exportedAt: now.toISOString(),
    certificate: signer.certificatePem,
  } as const;
  return { ...unsigned, signature: signWithInstallationKey(signer, signedTextOf(unsigned)) };
}

/**
 * Exports the signed head (the worker's 'audit-anchor' job, and `qyzmet audit export-head`):
 * writes `audit-head-<position>-<time>.json` to the folder (never overwriting a file) and
 * POSTs the same JSON to the URL when one is configured. A failed POST throws after the file
 * is written (the job logs it and tries again on its next round).
 */
export async function exportAuditHead(
  db: Database,
  signer: InstallationSigner,
  target: AuditHeadTarget,
  now: Date,
): Promise<AuditHeadExport> {
  const head = await signAuditHead(db, signer, now);
  if (!head || head.hash === target.skipHash) return { head };
  const body = `${JSON.stringify(head, null, 2)}\n`;
  fs.mkdirSync(target.directory, { recursive: true });
  const stamp = head.exportedAt.replace(/[:.]/g, '-');
  const file = path.join(
    target.directory,
    `audit-head-${String(head.position).padStart(12, '0')}-${stamp}.json`,
  );
  fs.writeFileSync(file, body, { flag: 'wx', mode: 0o644 });
  if (!target.url) return { head, file };
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
  });
  await response.body?.cancel();
  if (!response.ok) {
    throw new Error(`the audit head was not accepted by ${target.url}: HTTP ${response.status}`);
  }
  return { head, file, posted: true };
}
