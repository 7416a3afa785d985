import { sql, type Kysely } from 'kysely';

/**
 * Issued documents (receipts, registers, results). A row is never changed or deleted: a
 * reissue is a new row whose replaces_document_id points to the old one (issue 7). The trigger
 * enforces this in SQL, whatever the application does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function forbid_row_change() returns trigger language plpgsql as $$
    begin
      raise exception 'rows of % are immutable: % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation';
    end
    $$
  `.execute(db);
  await sql`create sequence document_number_seq`.execute(db);
  await sql`
    create table document (
      id uuid primary key,
      number text not null unique,
      kind text not null,
      service_code text,
      application_id text,
      language text not null check (language in ('kk', 'ru', 'bilingual')),
      content jsonb not null,
      content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
      pdf bytea not null,
      pdf_sha256 text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
      signer_name text not null,
      signer_iin text,
      signed_at timestamptz not null,
      signature bytea not null,
      replaces_document_id uuid references document (id),
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index document_application_idx on document (application_id)`.execute(db);
  await sql`
    create unique index document_replaced_once on document (replaces_document_id)
    where replaces_document_id is not null
  `.execute(db);
  await sql`
    create trigger document_immutable before update or delete on document
    for each row execute function forbid_row_change()
  `.execute(db);
  await sql`
    create trigger document_no_truncate before truncate on document
    for each statement execute function forbid_row_change()
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table document`.execute(db);
  await sql`drop sequence document_number_seq`.execute(db);
  await sql`drop function forbid_row_change()`.execute(db);
}
