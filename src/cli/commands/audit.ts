import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { verifyAuditTrail } from '../../features/system/verify-audit-trail.js';
import { openDatabase } from '../../storage/db.js';
import { UsageError, type Command } from '../command.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Audit trail: verify its hash chain (audit verify)',
  usage: `Usage: qyzmet audit verify [--json] [--no-seal]

Seals every committed audit record into the SHA-256 chain (as the worker's sealer does), then
recomputes the chain page by page from its first record. Exit code 0 when intact, 1 when a
record was altered, inserted, removed or reordered, or the last records were removed (checked
against the sealer's anchors); the first broken record is named. --no-seal checks without
sealing first (records not sealed yet are checked against their own content hash).`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'no-seal': { type: 'boolean', default: false },
      },
    });
    if (positionals[0] !== 'verify')
      throw new UsageError(
        positionals[0] ? `unknown audit action "${positionals[0]}"` : 'missing audit action',
      );
    const database = await openDatabase(loadConfig().database);
    try {
      const result = await verifyAuditTrail(database.db, { seal: !values['no-seal'] });
      if (values.json) console.log(JSON.stringify(result));
      else if (result.isIntact)
        console.log(
          `audit trail intact: ${result.rows} records (${result.sealedRows} sealed` +
            (result.head ? `, head ${result.head.position} ${result.head.hash})` : ')'),
        );
      else
        console.log(
          `audit trail BROKEN (${result.reason}) at record ${result.firstBrokenId ?? 'after the last'} (of ${result.rows})`,
        );
      return result.isIntact ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
