import { sql, type Kysely } from 'kysely';

/**
 * The districts of the kindergarten queue (issue 19): each district's name (kk/ru/en, shown
 * on the pages instead of its code) and the education department that keeps its queue (its
 * head sees the district's statistics).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table queue_district (
      region text not null,
      code text not null check (length(code) between 1 and 80),
      name jsonb not null,
      department_organisation_id text not null,
      primary key (region, code)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table queue_district`.execute(db);
}
