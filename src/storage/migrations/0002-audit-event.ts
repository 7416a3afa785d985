import { sql, type Kysely } from 'kysely';

/**
 * The audit trail: one row per state change, chained by SHA-256 so that a later check
 * can prove no row was altered or removed (see storage/audit.repository.ts for the hash).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_event (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null,
      actor_kind text not null check (actor_kind in ('citizen', 'staff', 'system', 'anonymous')),
      actor_id text,
      action text not null,
      subject_type text not null,
      subject_id text,
      details jsonb not null default '{}'::jsonb,
      previous_hash text,
      hash text not null unique
    );
    create index audit_event_subject_idx on audit_event (subject_type, subject_id, id);
    create index audit_event_actor_idx on audit_event (actor_kind, actor_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_event`.execute(db);
}
