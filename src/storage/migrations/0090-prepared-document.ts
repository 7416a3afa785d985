import { sql, type Kysely } from 'kysely';

/**
 * Documents prepared for an official's signature (two-phase signing, issue 9): the executor's
 * draft of a result or reasoned refusal, rendered to the PDF whose SHA-256 the head signs in
 * the browser (NCALayer). `document_id` and `number` are reserved at preparation and become
 * the issued document's (the QR code already points to /verify/<document_id>). A draft is
 * `draft` until it is `signed` (then `document` holds it) or `superseded` by a newer draft.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prepared_document (
      id uuid primary key,
      application_id text not null,
      document_id uuid not null unique,
      number text not null unique,
      kind text not null,
      service_code text,
      content jsonb not null,
      content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
      pdf bytea not null,
      pdf_sha256 text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
      prepared_by text not null,
      signer_staff_id text not null,
      state text not null check (state in ('draft', 'signed', 'superseded')),
      prepared_at timestamptz not null,
      signed_at timestamptz
    );
    create index prepared_document_application_idx on prepared_document (application_id, state);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prepared_document`.execute(db);
}
