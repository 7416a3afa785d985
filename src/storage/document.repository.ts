import { sql } from 'kysely';
import type { Database } from './db.js';

/** A stored document as the features see it. */
export interface StoredDocument {
  id: string;
  number: string;
  kind: string;
  serviceCode: string | null;
  applicationId: string | null;
  language: 'kk' | 'ru' | 'bilingual';
  content: Record<string, unknown>;
  contentSha256: string;
  /** The issued PDF: what people download and present. */
  pdf: Uint8Array;
  pdfSha256: string;
  /**
   * The PDF the official's CMS covers (the body, without the signature stamp); null on
   * documents issued before migration 0094, whose CMS covers `pdf`.
   */
  signedContent: Uint8Array | null;
  signedContentSha256: string | null;
  signerName: string;
  signerIin: string | null;
  signedAt: Date;
  signature: Uint8Array;
  replacesDocumentId: string | null;
  createdAt: Date;
}

/** The next value of the document number sequence (never reused, even after a rollback). */
export async function nextDocumentSequence(db: Database): Promise<number> {
  const result = await sql<{
    value: number;
  }>`select nextval('document_number_seq') as value`.execute(db);
  return Number(result.rows[0]!.value);
}

/** Stores a new document. Rows are immutable: there is no update. */
export async function insertDocument(
  db: Database,
  document: Omit<StoredDocument, 'createdAt'>,
): Promise<void> {
  await db
    .insertInto('document')
    .values({
      id: document.id,
      number: document.number,
      kind: document.kind,
      service_code: document.serviceCode,
      application_id: document.applicationId,
      language: document.language,
      content: JSON.stringify(document.content),
      content_sha256: document.contentSha256,
      pdf: document.pdf,
      pdf_sha256: document.pdfSha256,
      signer_name: document.signerName,
      signer_iin: document.signerIin,
      signed_at: document.signedAt,
      signature: document.signature,
      replaces_document_id: document.replacesDocumentId,
      signed_content: document.signedContent,
      signed_content_sha256: document.signedContentSha256,
    })
    .execute();
}

type Row = {
  id: string;
  number: string;
  kind: string;
  service_code: string | null;
  application_id: string | null;
  language: 'kk' | 'ru' | 'bilingual';
  content: Record<string, unknown>;
  content_sha256: string;
  pdf: Uint8Array;
  pdf_sha256: string;
  signer_name: string;
  signer_iin: string | null;
  signed_at: Date;
  signature: Uint8Array;
  replaces_document_id: string | null;
  signed_content: Uint8Array | null;
  signed_content_sha256: string | null;
  created_at: Date;
};

function toStored(row: Row): StoredDocument {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    serviceCode: row.service_code,
    applicationId: row.application_id,
    language: row.language,
    content: row.content,
    contentSha256: row.content_sha256,
    pdf: new Uint8Array(row.pdf),
    pdfSha256: row.pdf_sha256,
    signerName: row.signer_name,
    signerIin: row.signer_iin,
    signedAt: row.signed_at,
    signature: new Uint8Array(row.signature),
    replacesDocumentId: row.replaces_document_id,
    signedContent: row.signed_content ? new Uint8Array(row.signed_content) : null,
    signedContentSha256: row.signed_content_sha256,
    createdAt: row.created_at,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A document by id; undefined when there is none (or the id is not a UUID). */
export async function findDocument(db: Database, id: string): Promise<StoredDocument | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStored(row as Row) : undefined;
}

/**
 * The document whose verification code is `code` (12 lower-case hex digits: the first digits
 * of its id, see `verificationCode`), or undefined. One primary-key range scan.
 */
export async function findDocumentByVerificationCode(
  db: Database,
  code: string,
): Promise<StoredDocument | undefined> {
  if (!/^[0-9a-f]{12}$/.test(code)) return undefined;
  const prefix = `${code.slice(0, 8)}-${code.slice(8, 12)}`;
  const row = await db
    .selectFrom('document')
    .selectAll()
    .where('id', '>=', `${prefix}-0000-0000-000000000000`)
    .where('id', '<=', `${prefix}-ffff-ffff-ffffffffffff`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row ? toStored(row as Row) : undefined;
}

/** The document that replaced this one (a reissue), if any: its id and number. */
export async function findReplacement(
  db: Database,
  id: string,
): Promise<{ id: string; number: string } | undefined> {
  return db
    .selectFrom('document')
    .select(['id', 'number'])
    .where('replaces_document_id', '=', id)
    .executeTakeFirst();
}

/** The documents of an application, oldest first (without the PDF bytes). */
export async function listApplicationDocuments(
  db: Database,
  applicationId: string,
): Promise<
  Array<{
    id: string;
    number: string;
    kind: string;
    /** The title printed on it (kk/ru), when its content records one. */
    title: { kk: string; ru: string } | null;
    signedAt: Date;
    replacesDocumentId: string | null;
  }>
> {
  const rows = await db
    .selectFrom('document')
    .select(['id', 'number', 'kind', 'signed_at', 'replaces_document_id'])
    .select(sql<{ kk: string; ru: string } | null>`content -> 'template' -> 'title'`.as('title'))
    .where('application_id', '=', applicationId)
    .orderBy('signed_at')
    .orderBy('number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    kind: row.kind,
    title: row.title ?? null,
    signedAt: row.signed_at,
    replacesDocumentId: row.replaces_document_id,
  }));
}
