import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { openDatabase, type DatabaseHandle } from '../storage/db.js';
import {
  recordStart,
  refuseSandboxDataInProduction,
} from '../features/installation/record-start.js';
import { migrateToLatest } from '../storage/migrator.js';
import { startRegistryGateway } from '../integrations/create-gateway.js';
import { answerClientErrors } from '../http/client-error.js';
import type { AppDependencies, AppEnv } from '../http/app-env.js';
import { composeApp, metricsOf } from './compose.js';
import { loadApplicationServices } from '../engine/load-application-services.js';
import type { Hono } from 'hono';
import { startBackground } from '../jobs/background.js';
import { ensureEmbeddedPki } from '../signing/pki-directory.js';
import type { InstallationKeys } from '../signing/installation-key.js';
import { useInstallationKeys } from '../features/installation/use-installation-keys.js';

export interface RunningServer {
  readonly port: number;
  readonly database: DatabaseHandle;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * What a caller (the `serve` command, an embedding, a test) may give instead of the defaults:
 * the clock (the wall clock when absent) and where one-time passwords go, and routes or
 * middleware to add before the application serves.
 */
export type ServerOptions = Partial<Pick<AppDependencies, 'now' | 'sms'>> & {
  readonly configureApp?: (app: Hono<AppEnv>) => void;
};

/**
 * Boots the system: opens the database, applies migrations, records the start, creates the
 * embedded PKI when the PKI folder has no CA, loads the demo data on an empty database, and
 * listens. Fails fast (throws) when the database cannot be opened or migrated.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const now = options.now ?? (() => new Date());
  // The embedded PKI's keys are made on the thread pool while PGlite (initdb on a fresh data
  // directory, then the migrations) keeps this thread busy: a newcomer's first start does both
  // at once (issue 21). Only for the embedded database outside production, where a failed start
  // leaving a PKI folder behind in DATA_DIR is harmless; a server's start keeps its order.
  const earlyPki =
    config.database.kind === 'pglite' && config.env !== 'production'
      ? settled(ensureEmbeddedPki(config.pki.directory, now()))
      : undefined;
  const database = await openDatabase(config.database, {
    // A restart of the database server: requests in flight fail with 503, jobs retry the round.
    onConnectionLost: (error) => logger.warn({ err: error }, 'database connection lost'),
  }).catch(async (error: unknown) => {
    await earlyPki;
    throw error;
  });
  let installation: InstallationKeys;
  try {
    if (config.migrateOnStart) {
      const applied = await migrateToLatest(database.db);
      for (const result of applied)
        logger.info({ migration: result.migrationName }, 'migration applied');
    }
    // A production installation never runs on a sandbox's data (docs/sandbox.md).
    if (config.env === 'production') await refuseSandboxDataInProduction(database.db);
    const instance = await recordStart(database.db, now(), { sandbox: config.sandbox });
    if (config.sandbox) {
      logger.warn(
        'SANDBOX installation: applications may be made "as of" a past date and are marked as not legal acts (docs/sandbox.md)',
      );
    }
    logger.info(
      { installationId: instance.installationId, starts: instance.startedCount },
      'installation started',
    );
    // `pki init` on the first start (before the demo seed signs its results): a folder
    // without any CA gets the embedded one, so documents stay verifiable after a restart.
    const pki = earlyPki
      ? (await earlyPki).unwrap()
      : await ensureEmbeddedPki(config.pki.directory, now());
    if (pki) {
      logger.info(
        {
          directory: config.pki.directory,
          roots: 1,
          intermediates: 1,
          demoKeys: pki.holders.map((holder) => `${holder.holder.iin}.p12`),
        },
        'embedded PKI created (qyzmet pki init): CA certificates in trusted/, CRLs in crl/, demo keys in demo/',
      );
    }
    // The audit key (MACs of audit rows) and the key that signs the exported chain head:
    // outside the database, created on the first start.
    const keys = await useInstallationKeys(config.pki.directory, instance.installationId, now());
    if (keys.created) {
      logger.info(
        { directory: config.pki.directory, fingerprint: keys.signer.fingerprint },
        'installation keys created in installation/ (audit MAC key, audit head signing key)',
      );
    }
    installation = keys;
  } catch (error) {
    await earlyPki;
    await database.close();
    throw error;
  }

  const applications = await loadApplicationServices(database.db, now, {
    regulations: config.regulationsDirectory,
    sandbox: config.sandbox,
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const metrics = metricsOf({ database, now });
  const background = await startBackground(
    config,
    logger,
    applications,
    installation,
    metrics,
  ).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const registries = await startRegistryGateway(config.registries, {
    db: database.db,
    logger,
    now: () => now().getTime(),
  }).catch(async (error: unknown) => {
    await background.stop();
    await database.close();
    throw error;
  });
  const app = composeApp({
    config,
    logger,
    database,
    now,
    applications,
    sms: options.sms,
    registries: registries.gateway,
    metrics,
  });
  options.configureApp?.(app);
  const server = await new Promise<Server>((resolve, reject) => {
    const instance = serve(
      { fetch: app.fetch, port: config.http.port, hostname: config.http.host },
      () => resolve(instance as Server),
    ) as Server;
    instance.once('error', reject);
    answerClientErrors(instance);
  });
  const port = (server.address() as AddressInfo).port;
  background.start();
  logger.info(
    { port, database: database.kind, location: database.location },
    `listening on http://localhost:${port}`,
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down: finishing in-flight requests');
      const finished = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => {
        logger.warn('shutdown timeout: closing remaining connections');
        server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      await finished;
      clearTimeout(timer);
      await background.stop();
      await registries.close();
      await database.close();
      logger.info('stopped');
    })());

  return { port, database, close };
}

/** A promise that never rejects: its outcome, to await now and unwrap (rethrow) later. */
function settled<T>(promise: Promise<T>): Promise<{ unwrap(): T }> {
  return promise.then(
    (value) => ({ unwrap: () => value }),
    (error: unknown) => ({
      unwrap: () => {
        throw error;
      },
    }),
  );
}
