import { sql, type Kysely } from 'kysely';

/**
 * Drops `citizen_account.failed_login_count` and `locked_until`: the old lock after five wrong
 * passwords (migration 0004), which anyone could use to lock anyone out. Sign-in delays live in
 * `login_throttle` since migration 0102 (issue 16, defect 6); nothing reads or writes these
 * columns any more. `down` restores them empty (no account locked).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table citizen_account drop column failed_login_count, drop column locked_until
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table citizen_account
      add column failed_login_count integer not null default 0,
      add column locked_until timestamptz
  `.execute(db);
}
