import { sql, type Kysely } from 'kysely';

/**
 * The role inbox reads one ordered index range per step actor (see listInboxRows): the
 * executor's rows by (holder, executor, urgency, id) so that "assigned to me" and "not
 * assigned yet" are each one ordered range too. application_inbox_idx (holder, actor, due)
 * served only the inbox and is covered by application_inbox_urgency_idx: dropped, one index
 * less to maintain on every command.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index application_inbox_executor_idx on application
      (holder_organisation_id, executor_id, (coalesce(step_due_at, due_at)), id)
      where current_step_id is not null and current_actor = 'executor';
    drop index application_inbox_idx;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index application_inbox_idx on application (holder_organisation_id, current_actor, due_at)
      where current_step_id is not null;
    drop index application_inbox_executor_idx;
  `.execute(db);
}
