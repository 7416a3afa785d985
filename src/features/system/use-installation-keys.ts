import { ensureInstallationKeys, type InstallationKeys } from '../../signing/installation-key.js';
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
