import { loadConfig } from '../../config/config.js';
import { useExistingAuditKey } from '../../features/installation/use-installation-keys.js';
import { openDatabase } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrator.js';
import { UsageError, type Command } from '../command.js';
import { reportingDomainErrors } from '../report-domain-errors.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Load the demo organisations, accounts and applications (demo seed)',
  usage: `Usage: qyzmet demo seed [--json]

Loads the organisations of seed/organisations plus a demo school per region, staff accounts
of every role, a citizen and a representative with portal accounts, and applications of every
regulation through every channel in each state the engine reaches, then prints the demo
accounts. Running it again changes nothing. Applies pending migrations first.`,
  run: reportingDomainErrors('demo', async (argv) => {
    const [action, ...rest] = argv;
    if (action !== 'seed') throw new UsageError('expected: qyzmet demo seed');
    const isJson = rest.includes('--json');
    // Loaded on use: the other commands start without the engine's module graph.
    const [
      { loadApplicationServices },
      { demoCitizen, demoPassword, demoRepresentative },
      { seedDemo },
      { ensureEmbeddedPki },
    ] = await Promise.all([
      import('../../engine/load-application-services.js'),
      import('../../features/demo/demo-accounts.js'),
      import('../../features/demo/seed-demo.js'),
      import('../../signing/pki-directory.js'),
    ]);
    const config = loadConfig();
    useExistingAuditKey(config.pki.directory);
    const database = await openDatabase(config.database);
    try {
      await migrateToLatest(database.db);
      const services = await loadApplicationServices(database.db, () => new Date(), {
        regulations: config.regulationsDirectory,
        sandbox: config.sandbox,
      });
      // The results are signed with the demo staff's keys of the PKI folder (pki init first).
      await ensureEmbeddedPki(config.pki.directory, new Date());
      const result = await seedDemo(services, {
        pkiDirectory: config.pki.directory,
        publicUrl: config.http.publicUrl,
      });
      if (isJson) {
        console.log(JSON.stringify(result));
        return 0;
      }
      console.log(`applications by status: ${JSON.stringify(result.statuses)}`);
      console.log(`\nDemo accounts (password for all: ${demoPassword})`);
      console.log(`  citizen         IIN ${demoCitizen.iin}  phone ${demoCitizen.phone}`);
      console.log(
        `  representative  IIN ${demoRepresentative.iin}  phone ${demoRepresentative.phone}`,
      );
      for (const member of result.staff) {
        console.log(
          `  ${member.role.padEnd(22)} IIN ${member.iin}  ${member.organisationId.padEnd(24)} staff id ${member.principal.staffId}`,
        );
      }
      return 0;
    } finally {
      await database.close();
    }
  }),
};
