import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { exportAuditHead } from '../../features/audit/export-audit-head.js';
import { verifyAuditAgainstHead } from '../../features/audit/verify-audit-against-head.js';
import { verifyAuditTrail } from '../../features/audit/verify-audit-trail.js';
import { loadInstallationKeys } from '../../signing/installation-key.js';
import { useAuditKey } from '../../storage/audit.repository.js';
import { openDatabase } from '../../storage/db.js';
import { UsageError, type Command } from '../command.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Audit trail: verify its hash chain (audit verify), export its signed head',
  usage: `Usage: qyzmet audit verify [--json] [--no-seal] [--against <head-file>]...
       qyzmet audit export-head [--json]

verify: seals every committed audit record into the SHA-256 chain (as the worker's sealer
does), then recomputes the chain page by page from its first record. With the installation's
audit key (PKI_DIR/installation/audit.key) every record must carry the key's MAC. Every
application event and issued document must have its audit record. Exit code 0 when intact, 1
when a record was altered, inserted, removed or reordered, forged without the key, missing,
or the last records were removed (checked against the sealer's anchors); the first broken
record is named. --no-seal checks without sealing first. --against <head-file> (repeatable)
also checks that the chain still holds a head exported earlier (a file written by the worker
to AUDIT_ANCHOR_DIR, signed by this installation's key): a chain truncated or rewritten since
fails.

export-head: signs the chain's current head with the installation's key and writes it to
AUDIT_ANCHOR_DIR (and POSTs it to AUDIT_ANCHOR_URL when set), as the worker does on its
schedule; prints the file.`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'no-seal': { type: 'boolean', default: false },
        against: { type: 'string', multiple: true },
      },
    });
    const action = positionals[0];
    if (action !== 'verify' && action !== 'export-head')
      throw new UsageError(action ? `unknown audit action "${action}"` : 'missing audit action');
    const heads = (values.against ?? []).map((file) => {
      try {
        return { file, json: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
      } catch (error) {
        throw new UsageError(`cannot read the head file ${file}: ${(error as Error).message}`);
      }
    });
    const config = loadConfig();
    const keys = loadInstallationKeys(config.pki.directory);
    useAuditKey(keys?.auditKey);
    const database = await openDatabase(config.database);
    try {
      if (action === 'export-head') {
        if (!keys) {
          console.error(`no installation keys in ${config.pki.directory}/installation`);
          return 1;
        }
        const exported = await exportAuditHead(
          database.db,
          keys.signer,
          { directory: config.audit.anchorDirectory, url: config.audit.anchorUrl },
          new Date(),
        );
        if (values.json) console.log(JSON.stringify({ file: exported.file ?? null }));
        else console.log(exported.file ?? 'nothing sealed yet: no head to export');
        return exported.file ? 0 : 1;
      }
      const result = await verifyAuditTrail(database.db, { seal: !values['no-seal'] });
      const checks = [];
      for (const head of heads)
        checks.push({
          file: head.file,
          ...(await verifyAuditAgainstHead(database.db, head.json, keys?.signer.fingerprint)),
        });
      const holdsHeads = checks.every((check) => check.holdsHead);
      if (values.json) {
        console.log(JSON.stringify(heads.length > 0 ? { ...result, heads: checks } : result));
      } else {
        const { coverage } = result;
        const covered =
          `${coverage.applicationEvents} application events, ${coverage.documents} documents` +
          (result.macsChecked ? ', MACs checked' : ', MACs NOT checked (no installation key)');
        if (result.isIntact)
          console.log(
            `audit trail intact: ${result.rows} records (${result.sealedRows} sealed` +
              (result.head ? `, head ${result.head.position} ${result.head.hash}` : '') +
              `; ${covered})`,
          );
        else
          console.log(
            `audit trail BROKEN (${result.reason}) at record ${
              result.firstBrokenId ??
              (result.reason === 'audit_missing'
                ? `missing for ${coverage.firstWithoutAudit}`
                : 'after the last')
            } (of ${result.rows}; ${covered})`,
          );
        for (const check of checks)
          console.log(
            check.holdsHead
              ? `exported head ${check.file}: held at position ${check.position} (signed by ${check.signer})`
              : `exported head ${check.file}: NOT HELD (${check.failure}) at position ${check.position ?? '?'}`,
          );
      }
      return result.isIntact && holdsHeads ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
