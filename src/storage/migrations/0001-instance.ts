import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table instance (
      id integer primary key default 1 check (id = 1),
      installation_id uuid not null default gen_random_uuid(),
      created_at timestamptz not null default now(),
      started_count integer not null default 0,
      last_started_at timestamptz not null default now()
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table instance`.execute(db);
}
