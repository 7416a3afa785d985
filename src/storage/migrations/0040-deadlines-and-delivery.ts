import { sql, type Kysely } from 'kysely';

/**
 * Background work: deadline markers (a warning, overdue and escalation fire once per
 * deadline), escalations to the head of the holding organisation, and the delivery state of
 * the outbox (a message that exhausted its attempts is marked failed and kept).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table deadline_marker (
      application_id uuid not null references application (id),
      scope text not null check (scope in ('step', 'total')),
      step_id text not null,
      due_at timestamptz not null,
      kind text not null check (kind in ('warning', 'overdue', 'escalated')),
      holder_organisation_id text not null,
      fired_at timestamptz not null,
      primary key (application_id, scope, step_id, due_at, kind)
    );
    create index deadline_marker_holder_idx on deadline_marker (holder_organisation_id, fired_at desc);

    create table escalation (
      id uuid primary key,
      application_id uuid not null references application (id),
      organisation_id text not null,
      scope text not null check (scope in ('step', 'total')),
      step_id text not null,
      due_at timestamptz not null,
      head_staff_ids jsonb not null,
      escalated_at timestamptz not null,
      unique (application_id, scope, step_id, due_at)
    );
    create index escalation_organisation_idx on escalation (organisation_id, escalated_at desc);

    alter table outbox_message add column failed_at timestamptz;
    create index outbox_message_pending_idx on outbox_message (next_attempt_at)
      where delivered_at is null and failed_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index outbox_message_pending_idx;
    alter table outbox_message drop column failed_at;
    drop table escalation;
    drop table deadline_marker;
  `.execute(db);
}
