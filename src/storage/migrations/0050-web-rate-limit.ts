import { sql, type Kysely } from 'kysely';

/**
 * Fixed-window rate limits shared by every application node (login attempts, one-time
 * passwords, public lookups): one row per key, counted in the database so that two nodes
 * behind a load balancer agree.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_limit (
      key text primary key check (length(key) between 1 and 300),
      window_started_at timestamptz not null,
      hits integer not null check (hits >= 0)
    );
    create index rate_limit_window_idx on rate_limit (window_started_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_limit`.execute(db);
}
