import { sql, type Kysely } from 'kysely';

/** Citizen accounts (IIN + password), one-time passwords to the registered phone, sessions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table citizen_account (
      id uuid primary key default gen_random_uuid(),
      iin text not null unique check (iin ~ '^[0-9]{12}$'),
      phone text not null check (phone ~ '^\\+[0-9]{10,15}$'),
      password_hash text not null,
      failed_login_count integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null,
      password_changed_at timestamptz not null
    );

    create table one_time_password (
      id uuid primary key default gen_random_uuid(),
      phone text not null,
      purpose text not null check (purpose in ('login', 'certify_application',
        'password_reset', 'registry_consent')),
      citizen_account_id uuid references citizen_account (id),
      subject_id text,
      code_salt text not null,
      code_hash text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      attempts integer not null default 0,
      max_attempts integer not null,
      status text not null default 'pending' check (status in ('pending', 'used', 'exhausted',
        'superseded')),
      used_at timestamptz
    );
    create index one_time_password_phone_idx on one_time_password (phone, created_at);

    create table session (
      id uuid primary key default gen_random_uuid(),
      subject_kind text not null check (subject_kind in ('citizen', 'staff')),
      subject_id uuid not null,
      token_hash text not null unique,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index session_subject_idx on session (subject_kind, subject_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table session; drop table one_time_password; drop table citizen_account;`.execute(
    db,
  );
}
