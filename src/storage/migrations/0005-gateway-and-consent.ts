import { sql, type Kysely } from 'kysely';

/**
 * Every call to a national system through the gateway (the regulations time them), and the
 * applicant's consent to the use of legally protected data held in information systems.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table gateway_call (
      id bigint generated always as identity primary key,
      system text not null check (system in ('person_registry', 'notary_registry',
        'digital_documents')),
      operation text not null,
      adapter text not null,
      started_at timestamptz not null,
      duration_ms integer not null check (duration_ms >= 0),
      outcome text not null check (outcome in ('ok', 'not_found', 'failed')),
      error_code text,
      error_message text,
      subject_ref text,
      correlation_id text
    );
    create index gateway_call_started_idx on gateway_call (started_at);
    create index gateway_call_system_idx on gateway_call (system, operation, started_at);

    create table consent (
      id uuid primary key default gen_random_uuid(),
      applicant_iin text not null check (applicant_iin ~ '^[0-9]{12}$'),
      given_by_iin text not null check (given_by_iin ~ '^[0-9]{12}$'),
      application_id text,
      request_id text,
      scope text not null,
      channel text not null check (channel in ('provider_office', 'front_office', 'portal')),
      method text not null check (method in ('signature', 'otp', 'paper')),
      evidence jsonb not null default '{}'::jsonb,
      recorded_by_staff_id uuid references staff_account (id),
      given_at timestamptz not null,
      check (application_id is not null or request_id is not null)
    );
    create index consent_application_idx on consent (application_id);
    create index consent_request_idx on consent (request_id);
    create index consent_applicant_idx on consent (applicant_iin, given_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table consent; drop table gateway_call;`.execute(db);
}
