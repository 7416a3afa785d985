import { loadConfig } from '../../config/config.js';
import { batchedStandardOutput, createLogger } from '../../config/logger.js';
import { startServer } from '../server.js';
import type { Command } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the HTTP server (embedded PGlite unless DATABASE_URL is set)',
  usage: `Usage: qyzmet serve

Starts the web server on PORT (default 3000). Configuration comes from environment
variables: PORT, HOST, DATABASE_URL, DATA_DIR, LOG_LEVEL, NODE_ENV, PUBLIC_URL,
WORKER_ENABLED (run the background jobs in-process), DEMO_DATA (demo seed on first start).
Stops gracefully on SIGTERM or SIGINT.`,
  async run() {
    const config = loadConfig();
    // A turn's lines written together at its end; what is left is written on the way out.
    const logger = createLogger(config, batchedStandardOutput());
    const server = await startServer(config, logger);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        logger.info({ signal }, 'signal received');
        server.close().then(resolve, (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve();
        });
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  },
};
