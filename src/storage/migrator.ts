import { Migrator, sql, type MigrationResult } from 'kysely';
import type { Database } from './db.js';
import { migrations } from './migrations/index.js';

export interface MigrationState {
  applied: string[];
  pending: string[];
  latest: string | undefined;
}

function createMigrator(db: Database): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
}

/** Applies pending migrations; returns what ran. Throws when one fails (the rest are not run). */
export async function migrateToLatest(db: Database): Promise<MigrationResult[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const name = failed ? ` ${failed.migrationName}` : '';
    throw new Error(`Migration${name} failed: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  }
  return results ?? [];
}

/**
 * Which migrations are applied and which are pending: one query, cheap enough for every
 * health check (Kysely's `getMigrations` also takes locks and creates tables).
 */
export async function readMigrationState(db: Database): Promise<MigrationState> {
  // Before the first migration the table does not exist yet: nothing is applied.
  const rows = await sql<{ name: string }>`select name from schema_migration`.execute(db).then(
    (result) => result.rows,
    async (error: unknown) => {
      const found = await sql<{
        name: string | null;
      }>`select to_regclass('schema_migration')::text as name`.execute(db);
      if (found.rows[0]?.name) throw error;
      return [];
    },
  );
  const done = new Set(rows.map((row) => row.name));
  const names = Object.keys(migrations);
  const applied = names.filter((name) => done.has(name));
  const pending = names.filter((name) => !done.has(name));
  return { applied, pending, latest: applied[applied.length - 1] };
}
