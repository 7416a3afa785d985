import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { openDatabase } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrator.js';
import { useInstallationKeys } from '../../features/installation/use-installation-keys.js';
import { recordStart } from '../../features/installation/record-start.js';
import { findInstance } from '../../storage/instance.repository.js';
import { UsageError, type Command } from '../command.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Run the background jobs alone (outbox delivery, deadlines, front-office storage)',
  usage: `Usage: qyzmet worker [--once]

Runs the background jobs until SIGTERM or SIGINT: delivery of the SMS/e-mail outbox with
retries, deadline warnings, overdue marks and escalations, the hand-back of results kept
at a front office for longer than the regulation allows, and the purge of expired rate-limit
and sign-in throttle rows. Any number of workers may run
against one PostgreSQL server (DATABASE_URL): each claims its work with FOR UPDATE SKIP LOCKED.
The embedded database serves one process: with PGlite, \`qyzmet serve\` runs the jobs itself.
--once runs every job one time and exits. Configuration: WORKER_POLL_MS,
DEADLINE_WARNING_FRACTION, DEADLINE_ESCALATE_AFTER_MINUTES, OUTBOX_MAX_ATTEMPTS. It also seals
the audit trail and exports its signed head (AUDIT_ANCHOR_DIR, AUDIT_ANCHOR_URL,
AUDIT_ANCHOR_EVERY_MINUTES); PKI_DIR must be the server's (installation/ holds the audit key).`,
  async run(argv) {
    const isOnce = argv.includes('--once');
    const unknown = argv.filter((argument) => argument !== '--once');
    if (unknown.length > 0) throw new UsageError(`unknown argument: ${unknown[0]}`);
    // Loaded on use: the other commands start without the engine's module graph.
    const [{ loadApplicationServices }, { createWorker }] = await Promise.all([
      import('../../engine/load-application-services.js'),
      import('../../jobs/background-jobs.js'),
    ]);
    const config = loadConfig();
    const logger = createLogger(config);
    const database = await openDatabase(config.database, {
      // A restart of the database server: requests in flight fail with 503, jobs retry the round.
      onConnectionLost: (error) => logger.warn({ err: error }, 'database connection lost'),
    });
    try {
      if (config.migrateOnStart) await migrateToLatest(database.db);
      const instance =
        (await findInstance(database.db)) ?? (await recordStart(database.db, new Date()));
      // The same PKI_DIR as the server's: audit rows carry the installation key's MAC.
      const keys = await useInstallationKeys(
        config.pki.directory,
        instance.installationId,
        new Date(),
      );
      const applications = await loadApplicationServices(database.db, () => new Date(), {
        regulations: config.regulationsDirectory,
        sandbox: config.sandbox,
      });
      const worker = createWorker(config, logger, applications, {
        installationSigner: keys.signer,
      });
      if (isOnce) {
        const changed = await worker.runOnce();
        console.log(JSON.stringify(changed));
        return 0;
      }
      worker.start();
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'signal received');
          resolve();
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      await worker.stop();
      return 0;
    } finally {
      await database.close();
    }
  },
};
