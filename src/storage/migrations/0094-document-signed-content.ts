import { sql, type Kysely } from 'kysely';

/**
 * The signed content of a document, kept beside the issued PDF (issue 18, point 1). The
 * official signs the document's body (no draft mark, no signature stamp); the issued PDF is
 * that body with the signature stamp — signer, signing time, verification code, the SHA-256
 * of the signed content and the QR code — rendered after the signature was verified.
 * `signed_content` is the PDF the CMS covers; null on documents issued before, whose CMS
 * covers `pdf` itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table document
      add column signed_content bytea,
      add column signed_content_sha256 text
        check (signed_content_sha256 ~ '^[0-9a-f]{64}$'),
      add constraint document_signed_content_hashed
        check ((signed_content is null) = (signed_content_sha256 is null))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table document
      drop constraint document_signed_content_hashed,
      drop column signed_content_sha256,
      drop column signed_content
  `.execute(db);
}
