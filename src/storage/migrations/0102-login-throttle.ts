import { sql, type Kysely } from 'kysely';

/**
 * Login throttling by account (issue 16, defect 6): consecutive wrong passwords per key —
 * `<kind>:<iin>` for the account as a whole and `<kind>:<iin>@<address>` per client address —
 * and until when the next attempt must wait (a growing delay, never a hard lock). Shared by
 * every node, like `rate_limit`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      key text primary key check (length(key) between 1 and 200),
      failures integer not null check (failures >= 0),
      last_failure_at timestamptz not null,
      delayed_until timestamptz not null
    );
    create index login_throttle_last_failure_idx on login_throttle (last_failure_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_throttle`.execute(db);
}
