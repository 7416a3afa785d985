import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../src/config/config.js';
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
export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<DatabaseHandle> {
  const handle = await openBlankDatabase();
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

async function openBlankDatabase(): Promise<DatabaseHandle> {
  if (testBackend === 'pglite') return openPGlite('memory://');
  const provisioned = await provisionDatabase();
  const handle = await openDatabase(provisioned.database);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await provisioned.dispose();
    },
  };
}

/** A place for a database that a server process opens itself, and the environment that selects it. */
export interface ProvisionedDatabase {
  database: Config['database'];
  /** DATA_DIR or DATABASE_URL for a child process. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * Provisions an empty database without opening it: a temporary PGlite directory, or a new
 * database on the test server.
 */
export async function provisionDatabase(): Promise<ProvisionedDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-pglite-'));
    return {
      database: { kind: 'pglite', dataDir },
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `qyzmet_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString(), poolSize: 10 },
    env: { DATABASE_URL: url.toString() },
    dispose: async () => {
      await withAdmin(adminUrl, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      );
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
