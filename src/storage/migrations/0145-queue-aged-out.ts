import { sql, type Kysely } from 'kysely';

/**
 * Leaving the kindergarten queue at 7 (issue 19, docs/preschool-queue.md): a registration whose
 * child reached the end of the region's age window while waiting is moved by the queue's
 * deadline watch to the stored status `aged_out` (with an audit row and a cabinet message), so
 * the public lookup and the cabinet say why the child is no longer in the queue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table queue_registration drop constraint queue_registration_status_check;
    alter table queue_registration add constraint queue_registration_status_check
      check (status in ('waiting', 'offered', 'referred', 'enrolled', 'left', 'aged_out'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update queue_registration set status = 'left' where status = 'aged_out';
    alter table queue_registration drop constraint queue_registration_status_check;
    alter table queue_registration add constraint queue_registration_status_check
      check (status in ('waiting', 'offered', 'referred', 'enrolled', 'left'));
  `.execute(db);
}
