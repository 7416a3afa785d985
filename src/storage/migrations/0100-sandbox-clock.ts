import { sql, type Kysely } from 'kysely';

/**
 * Sandbox applications (docs/sandbox.md, issue 14 point 5): an application made "as of" a past
 * date runs on its own clock, `clock_offset_ms` = as-of instant − real submission instant (≤ 0).
 * Null for every ordinary application, so nothing changes for them; a non-null value marks the
 * application (and its documents) as sandbox data, which a production installation refuses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table application add column clock_offset_ms int8`.execute(db);
  // When this installation first started as a sandbox (SANDBOX): its data is sandbox data.
  await sql`alter table instance add column sandbox_since timestamptz`.execute(db);
  await sql`
    create index application_sandbox_idx on application (id) where clock_offset_ms is not null
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index application_sandbox_idx`.execute(db);
  await sql`alter table instance drop column sandbox_since`.execute(db);
  await sql`alter table application drop column clock_offset_ms`.execute(db);
}
