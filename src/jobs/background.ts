import { collectGarbageSoon } from '../config/collect-garbage.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../config/metrics.js';
import type { ApplicationServices } from '../engine/application-services.js';
import { seedDemo } from '../features/demo/seed-demo.js';
import { isDatabaseEmpty } from '../storage/demo.repository.js';
import type { InstallationKeys } from '../signing/installation-key.js';
import { createWorker } from './background-jobs.js';

/** What the server runs beside HTTP: stop it before closing the database. */
export interface Background {
  /**
   * Starts the worker. The server calls it once it listens: the worker's first round (an
   * outbox of hundreds of notifications after the demo seed, deadlines, seals) would otherwise
   * hold the single PGlite session and the event loop before the first request is answered.
   */
  start(): void;
  stop(): Promise<void>;
}

/**
 * The server's background work: on the first start of an empty database the demo data when
 * DEMO_DATA is on, then the worker in-process unless WORKER_ENABLED=false (`qyzmet worker`
 * processes may run beside it on a PostgreSQL server), started by `start()`.
 */
export async function startBackground(
  config: Config,
  logger: Logger,
  applications: ApplicationServices,
  installation?: InstallationKeys,
  metrics?: Metrics,
): Promise<Background> {
  if (config.demoData && (await isDatabaseEmpty(applications.db))) {
    const started = Date.now();
    const demo = await seedDemo(applications, {
      pkiDirectory: config.pki.directory,
      publicUrl: config.http.publicUrl,
    });
    logger.info(
      { statuses: demo.statuses, staff: demo.staff.length, ms: Date.now() - started },
      'demo data loaded (see README, "Demo accounts")',
    );
    // The seed's garbage (≈ 90 MB of the heap: rendered PDFs, rows, keys) before serving.
    await collectGarbageSoon();
  }
  if (!config.worker.enabled) return { start: () => {}, stop: async () => {} };
  const worker = createWorker(config, logger, applications, {
    ...(installation ? { installationSigner: installation.signer } : {}),
    ...(metrics ? { metrics } : {}),
  });
  return { start: () => worker.start(), stop: () => worker.stop() };
}
