import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { verifyAuditTrail } from '../../features/system/verify-audit-trail.js';
import { openDatabase } from '../../storage/db.js';
import { UsageError, type Command } from '../command.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Audit trail: verify its hash chain (audit verify)',
  usage: `Usage: qyzmet audit verify [--json]

Recomputes the SHA-256 chain of every audit record. Exit code 0 when intact, 1 when a
record was altered, inserted or removed (the first broken record is named).`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    if (positionals[0] !== 'verify')
      throw new UsageError(
        positionals[0] ? `unknown audit action "${positionals[0]}"` : 'missing audit action',
      );
    const database = await openDatabase(loadConfig().database);
    try {
      const result = await verifyAuditTrail(database.db);
      if (values.json) console.log(JSON.stringify(result));
      else if (result.isIntact) console.log(`audit trail intact: ${result.rows} records`);
      else console.log(`audit trail BROKEN at record ${result.firstBrokenId} (of ${result.rows})`);
      return result.isIntact ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
