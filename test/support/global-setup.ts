import { testBackend } from './database.js';

/** Announces which backend this run of the integration suite uses. */
export default function setup(): void {
  const where = testBackend === 'postgres' ? process.env.TEST_DATABASE_URL : 'in-memory PGlite';
  console.log(`integration suite on ${testBackend} (${where})`);
}
