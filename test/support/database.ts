import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, openPGlite, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';

/**
 * The backend the integration suite runs on: the test command runs the suite twice,
 * once on PGlite and once with TEST_DATABASE_URL pointing at a PostgreSQL 15 server.
 */
export const testBackend: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL
  ? 'postgres'
  : 'pglite';

/**
 * A fresh, migrated, empty database for one test file: an in-memory PGlite, or a new
 * database on the test server that is dropped on close.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const handle = await openBlankDatabase();
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

async function openBlankDatabase(): Promise<DatabaseHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return openPGlite('memory://');
  const name = `qyzmet_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
