import { sql, type Kysely } from 'kysely';

/**
 * The slots of the term violations and missed step deadlines carry their regulation version
 * (issue 20, docs/monitoring.md, "Steps by regulation"): the detail was `step|role`, and a step
 * id is unique only within one regulation's flow, so a region's view named a step by whichever
 * regulation came first. The detail is now `regulation|step|role` (`src/domain/monitoring/
 * slot.ts`). Which version an old count came from is not in the summary (its rows are per
 * service, and a service has versions), so this marks every application that contributed a slot
 * for the `monitoring` job: its next rounds subtract the old contribution and add the new one,
 * exactly as for any other change — the totals never move, only the details are re-keyed.
 * `down` marks them again, for the job of the version it returns to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await markApplicationsWithSlots(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await markApplicationsWithSlots(db);
}

async function markApplicationsWithSlots(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into monitoring_dirty (application_id)
    select application_id from monitoring_application
    where contributions @> '[{"measure": "term_violated"}]'::jsonb
       or contributions @> '[{"measure": "step_overdue"}]'::jsonb
    order by application_id
  `.execute(db);
}
