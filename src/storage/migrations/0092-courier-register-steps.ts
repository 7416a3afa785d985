import { sql, type Kysely } from 'kysely';

/**
 * Courier registers drive the engine's steps (issue 9): a register is created once per the
 * courier's form key (a repeated post returns it), and the provider marks a request for a
 * handed-back result as sent (the provider sends it within one working day).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table courier_register add column idempotency_key text;
    create unique index courier_register_idempotency_idx
      on courier_register (created_by, idempotency_key);
    alter table result_request add column provider_organisation_id text references organisation (id);
    alter table result_request add column sent_by text;
    alter table result_request add column sent_at timestamptz;
    update result_request
      set provider_organisation_id = application.provider_organisation_id
      from application where application.id = result_request.application_id;
    create index result_request_provider_idx on result_request (provider_organisation_id, due_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index result_request_provider_idx;
    alter table result_request drop column sent_at;
    alter table result_request drop column sent_by;
    alter table result_request drop column provider_organisation_id;
    drop index courier_register_idempotency_idx;
    alter table courier_register drop column idempotency_key;
  `.execute(db);
}
