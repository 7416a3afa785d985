import { sql, type Kysely } from 'kysely';

/**
 * E-mails of the outbox carry a subject (issue 16: real SMTP delivery): kk / ru, written when
 * the message is enqueued, like its body. SMS keep it null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table outbox_message
      add column subject text check (subject is null or length(subject) between 1 and 300)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table outbox_message drop column subject`.execute(db);
}
