import { ensureBuilt } from '../../scripts/build.mjs';
import { testBackend } from './database.js';

/**
 * Builds the CLI once (tests run it as a process) and announces which backend this run
 * of the integration suite uses.
 */
export default function setup(): void {
  ensureBuilt({ quiet: true });
  const where = testBackend === 'postgres' ? process.env.TEST_DATABASE_URL : 'in-memory PGlite';
  console.log(`integration suite on ${testBackend} (${where})`);
}
