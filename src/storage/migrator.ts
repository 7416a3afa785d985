import { Migrator, type MigrationResult } from 'kysely';
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

/** Which migrations are applied and which are pending. */
export async function readMigrationState(db: Database): Promise<MigrationState> {
  const all = await createMigrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt).map((m) => m.name);
  const pending = all.filter((m) => !m.executedAt).map((m) => m.name);
  return { applied, pending, latest: applied[applied.length - 1] };
}
