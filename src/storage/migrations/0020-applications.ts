import { sql, type Kysely } from 'kysely';

/**
 * Applications: the append-only action log (`application_event`) is the truth; the
 * `application` row is a projection of its fold for inboxes, search and deadlines, updated
 * in the same transaction as each appended event. Idempotency keys, notifications and
 * the delivery outbox live beside them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence application_number_seq;

    create table application (
      id uuid primary key,
      number text not null unique,
      regulation_id text not null,
      service_code text not null,
      region_code text not null,
      channel text not null check (channel in ('provider_office', 'front_office', 'portal')),
      applicant_iin char(12) not null,
      representative_iin char(12),
      provider_organisation_id text not null,
      front_office_id text,
      holder_organisation_id text not null,
      status text not null,
      current_step_id text,
      current_actor text,
      executor_id text,
      submitted_at timestamptz not null,
      step_due_at timestamptz,
      due_at timestamptz not null,
      ended_at timestamptz,
      version integer not null,
      updated_at timestamptz not null
    );
    create index application_inbox_idx on application (holder_organisation_id, current_actor, due_at)
      where current_step_id is not null;
    create index application_applicant_idx on application (applicant_iin, submitted_at desc);
    create index application_representative_idx on application (representative_iin)
      where representative_iin is not null;
    create index application_overdue_idx on application (due_at) where ended_at is null;

    create table application_event (
      application_id uuid not null references application (id),
      sequence integer not null check (sequence > 0),
      type text not null,
      at timestamptz not null,
      actor jsonb not null,
      payload jsonb not null,
      recorded_at timestamptz not null,
      primary key (application_id, sequence)
    );

    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name using errcode = '55000';
    end
    $$;
    create trigger application_event_append_only before update or delete on application_event
      for each row execute function refuse_change();

    create table command_receipt (
      principal text not null,
      idempotency_key text not null,
      command text not null,
      application_id uuid,
      response jsonb not null,
      created_at timestamptz not null,
      primary key (principal, idempotency_key)
    );

    create table notification (
      id uuid primary key,
      position bigint generated always as identity,
      application_id uuid not null references application (id),
      recipient_iin char(12) not null,
      kind text not null,
      status text not null,
      message jsonb not null,
      created_at timestamptz not null,
      read_at timestamptz
    );
    create index notification_recipient_idx on notification (recipient_iin, position desc);

    create table outbox_message (
      id bigint generated always as identity primary key,
      notification_id uuid references notification (id),
      channel text not null check (channel in ('sms', 'email')),
      recipient text not null,
      body text not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      delivered_at timestamptz,
      last_error text,
      created_at timestamptz not null
    );
    create index outbox_message_due_idx on outbox_message (next_attempt_at) where delivered_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table outbox_message; drop table notification; drop table command_receipt;
    drop table application_event; drop function refuse_change() cascade; drop table application;
    drop sequence application_number_seq;
  `.execute(db);
}
