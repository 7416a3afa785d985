import {
  ensureInstallationKeys,
  loadInstallationKeys,
  type InstallationKeys,
} from '../../signing/installation-key.js';
import { useAuditKey } from '../../storage/audit.repository.js';

/**
 * At the start of a process that writes audit rows (server, `qyzmet worker`): creates the
 * installation's keys in `PKI_DIR/installation/` on the first start, and makes every audit row
 * this process writes carry the audit key's MAC.
 */
export async function useInstallationKeys(
  pkiDirectory: string,
  installationId: string,
  now: Date,
): Promise<InstallationKeys & { created: boolean }> {
  const keys = await ensureInstallationKeys(pkiDirectory, installationId, now);
  useAuditKey(keys.auditKey);
  return keys;
}

/**
 * At the start of a command-line process that writes audit rows but is not the server (API
 * tokens, staff accounts, organisation seeds, the demo): the audit key of the installation's
 * keys, when the server has created them, so that these rows carry the MAC as well — once
 * one keyed row exists, `audit verify` refuses an unkeyed one after it. Creates nothing:
 * before the server's first start no row is keyed yet.
 */
export function useExistingAuditKey(pkiDirectory: string): void {
  useAuditKey(loadInstallationKeys(pkiDirectory)?.auditKey);
}
