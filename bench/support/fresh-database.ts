import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';

/**
 * A fresh database for a benchmark on its own PostgreSQL cluster (`startPostgresCluster`):
 * creates the database `qyzmet` through the cluster's default one, opens it with `poolSize`
 * connections and applies every migration. Returns the handle and the database's URL (for the
 * server process the bench starts on it); the caller closes the handle.
 */
export async function freshDatabase(
  clusterUrl: string,
  poolSize: number,
): Promise<{ database: DatabaseHandle; url: string }> {
  const admin = await openDatabase({ kind: 'postgres', url: clusterUrl, poolSize: 1 });
  try {
    await sql`create database qyzmet`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const url = new URL(clusterUrl);
  url.pathname = '/qyzmet';
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
  await migrateToLatest(database.db);
  return { database, url: url.toString() };
}
