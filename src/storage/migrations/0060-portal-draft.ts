import { sql, type Kysely } from 'kysely';

/**
 * Drafts of portal applications (issue 8): what a signed-in citizen has typed and uploaded
 * for one regulation between the steps of the form, until it is submitted. The uploaded
 * files stay beside the draft (the engine records their names and SHA-256 only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table portal_draft (
      id uuid primary key,
      citizen_account_id uuid not null references citizen_account (id) on delete cascade,
      regulation_id text not null check (length(regulation_id) between 1 and 200),
      provider_organisation_id text,
      front_office_id text,
      fields jsonb not null default '{}'::jsonb,
      status text not null default 'open' check (status in ('open', 'submitted')),
      application_id uuid,
      application_number text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index portal_draft_citizen_idx on portal_draft (citizen_account_id, regulation_id, status);
    create table portal_draft_document (
      id uuid primary key,
      draft_id uuid not null references portal_draft (id) on delete cascade,
      kind text not null check (length(kind) between 1 and 100),
      file_name text not null check (length(file_name) between 1 and 200),
      media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes integer not null check (size_bytes > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea not null,
      uploaded_at timestamptz not null
    );
    create index portal_draft_document_draft_idx on portal_draft_document (draft_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table portal_draft_document; drop table portal_draft`.execute(db);
}
