import { Migrator } from 'kysely';
import { expect } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { migrations } from '../../src/storage/migrations/index.js';
import { createTestDatabase } from './database.js';

/**
 * A blank test database migrated up to `name` and no further, with the migrator that moves it
 * on (`migrateTo` the migration under test, then `migrateDown`): the setup of every test of one
 * migration's `up` and `down` over rows written before it.
 */
export async function databaseMigratedTo(
  name: string,
): Promise<{ handle: DatabaseHandle; migrator: Migrator }> {
  const handle = await createTestDatabase({ migrate: false });
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const before = await migrator.migrateTo(name);
  expect(before.error).toBeUndefined();
  return { handle, migrator };
}
