import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { findCitizenAccountByIin } from '../../src/storage/citizen-account.repository.js';
import { migrations } from '../../src/storage/migrations/index.js';
import { createTestDatabase, testBackend } from '../support/database.js';

/**
 * Migration 0103 drops the old five-wrong-passwords lock of citizen accounts
 * (`failed_login_count`, `locked_until`), replaced by `login_throttle` (0102): an account that
 * the old lock held keeps everything else, the columns are gone, `down` restores them empty,
 * and nothing outside the two migrations names them any more.
 */
describe(`migration 0103 (citizen account lock columns) on ${testBackend}`, () => {
  let handle: DatabaseHandle;
  let migrator: Migrator;
  const iin = '850412412016';

  const lockColumns = async () => {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
       where table_name = 'citizen_account' and column_name in ('failed_login_count', 'locked_until')
       order by column_name`.execute(handle.db);
    return rows.map((row) => row.column_name);
  };

  beforeAll(async () => {
    handle = await createTestDatabase({ migrate: false });
    migrator = new Migrator({
      db: handle.db,
      provider: { getMigrations: async () => ({ ...migrations }) },
      migrationTableName: 'schema_migration',
      migrationLockTableName: 'schema_migration_lock',
    });
    const before = await migrator.migrateTo('0102-login-throttle');
    expect(before.error).toBeUndefined();
    // An account the old lock held: five wrong passwords, locked for the next 15 minutes.
    await sql`
      insert into citizen_account (iin, phone, password_hash, failed_login_count, locked_until,
        created_at, password_changed_at, identity_proof, identity_verified_at)
      values (${iin}, '+77010000001', 'argon2-hash', 5, now() + interval '15 minutes',
        now(), now(), 'mobile_registry_otp', now())`.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('drops both columns and keeps the accounts', async () => {
    expect(await lockColumns()).toEqual(['failed_login_count', 'locked_until']);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((result) => result.migrationName)).toContain(
      '0103-drop-citizen-account-lock',
    );
    expect(await lockColumns()).toEqual([]);
    const account = await findCitizenAccountByIin(handle.db, iin);
    expect(account).toMatchObject({
      iin,
      phone: '+77010000001',
      passwordHash: 'argon2-hash',
      identityProof: 'mobile_registry_otp',
    });
    expect(Object.keys(account!)).not.toContain('lockedUntil');
  });

  it('restores the columns empty on the way down, and drops them again on the way up', async () => {
    const down = await migrator.migrateTo('0102-login-throttle');
    expect(down.error).toBeUndefined();
    // 0103 and every migration after it are undone.
    expect(down.results?.map((result) => [result.migrationName, result.direction])).toContainEqual([
      '0103-drop-citizen-account-lock',
      'Down',
    ]);
    const { rows } = await sql<{ failed_login_count: number; locked_until: Date | null }>`
      select failed_login_count, locked_until from citizen_account where iin = ${iin}`.execute(
      handle.db,
    );
    expect(rows).toEqual([{ failed_login_count: 0, locked_until: null }]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(await lockColumns()).toEqual([]);
  });

  it('leaves no code naming the columns outside the migrations that created and dropped them', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const allowed = new Set([
      'src/storage/migrations/0004-citizen-accounts.ts',
      'src/storage/migrations/0103-drop-citizen-account-lock.ts',
      'test/integration/citizen-accounts.migrate.drop-lock-columns.test.ts',
    ]);
    const hits: string[] = [];
    const walk = (directory: string) => {
      for (const entry of fs.readdirSync(path.join(root, directory), { withFileTypes: true })) {
        const relative = path.posix.join(directory, entry.name);
        if (entry.isDirectory()) walk(relative);
        else if (/\.(ts|tsx|mjs|sql)$/.test(entry.name) && !allowed.has(relative)) {
          const text = fs.readFileSync(path.join(root, relative), 'utf8');
          if (/failed_login_count|locked_until|lockedUntil/.test(text)) hits.push(relative);
        }
      }
    };
    for (const directory of ['src', 'test', 'e2e', 'scripts', 'bench']) {
      if (fs.existsSync(path.join(root, directory))) walk(directory);
    }
    expect(hits).toEqual([]);
  });
});
