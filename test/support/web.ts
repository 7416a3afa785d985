import { createLogger } from '../../src/config/logger.js';
import { loadApplicationServices } from '../../src/engine/load-application-services.js';
import { seedDemo, type DemoSeedResult } from '../../src/features/demo/seed-demo.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/cli/server.js';
import { provisionDatabase } from './database.js';
import { testConfig } from './server.js';

/** A running server for browser journeys, with the SMS it sent and (optionally) demo data. */
export interface WebTestServer extends RunningServer {
  readonly url: string;
  /** Every SMS the server sent (one-time passwords): read codes with `sms.lastCodeTo(phone)`. */
  readonly sms: InMemorySmsOutbox;
  readonly demo: DemoSeedResult | undefined;
}

/**
 * Starts the real server in this process for a journey: a fresh database (PGlite in a
 * temporary directory, or a new database on TEST_DATABASE_URL), the demo data when asked
 * (the accounts of the README, password `qyzmet2024`), and an in-memory SMS outbox.
 */
export async function startWebTestServer(
  options: { demo?: boolean; now?: () => Date; configureApp?: ServerOptions['configureApp'] } = {},
): Promise<WebTestServer> {
  const provisioned = await provisionDatabase();
  const config = testConfig(provisioned.database);
  const sms = new InMemorySmsOutbox();
  const server = await startServer(config, createLogger(config), {
    sms,
    now: options.now,
    configureApp: options.configureApp,
  });
  let demo: DemoSeedResult | undefined;
  if (options.demo) {
    const services = await loadApplicationServices(
      server.database.db,
      options.now ?? (() => new Date()),
    );
    demo = await seedDemo(services, {
      pkiDirectory: config.pki.directory,
      publicUrl: `http://127.0.0.1:${server.port}`,
    });
  }
  return {
    ...server,
    url: `http://127.0.0.1:${server.port}`,
    sms,
    demo,
    close: async () => {
      await server.close();
      await provisioned.dispose();
    },
  };
}
