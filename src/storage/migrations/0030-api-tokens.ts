import { sql, type Kysely } from 'kysely';

/**
 * API tokens for systems that integrate: each scoped to one organisation and a set of staff
 * roles, stored as SHA-256 only (the token is shown once), revocable, with its last use.
 * Also an index for the role inbox ordered by urgency (the step's due, else the whole due).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table api_token (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      token_hash char(64) not null unique,
      organisation_id text not null references organisation (id),
      roles text[] not null check (cardinality(roles) > 0),
      staff_account_id uuid references staff_account (id),
      created_at timestamptz not null,
      created_by text not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    );
    create index api_token_organisation_idx on api_token (organisation_id, created_at);

    create index application_inbox_urgency_idx on application
      (holder_organisation_id, current_actor, (coalesce(step_due_at, due_at)), id)
      where current_step_id is not null;
    create index application_provider_submitted_idx on application
      (provider_organisation_id, submitted_at desc, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index application_provider_submitted_idx; drop index application_inbox_urgency_idx;
    drop table api_token;
  `.execute(db);
}
