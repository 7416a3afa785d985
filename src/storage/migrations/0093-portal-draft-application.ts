import { sql, type Kysely } from 'kysely';

/**
 * The back office opens an application's portal uploads by the application (issue 9): the
 * submitted draft is found by `portal_draft.application_id`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index portal_draft_application_idx on portal_draft (application_id)
      where application_id is not null
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index portal_draft_application_idx`.execute(db);
}
