import { sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A document prepared for signature, as the features see it. */
export interface PreparedDocument {
  id: string;
  applicationId: string;
  documentId: string;
  number: string;
  kind: string;
  serviceCode: string | null;
  content: Record<string, unknown>;
  contentSha256: string;
  pdf: Uint8Array;
  pdfSha256: string;
  preparedBy: string;
  signerStaffId: string;
  state: 'draft' | 'signed' | 'superseded';
  preparedAt: Date;
  signedAt: Date | null;
}

/** Stores a new draft and supersedes the application's earlier drafts. */
export async function insertPreparedDocument(
  db: Executor,
  prepared: Omit<PreparedDocument, 'state' | 'signedAt'>,
): Promise<void> {
  await db
    .updateTable('prepared_document')
    .set({ state: 'superseded' })
    .where('application_id', '=', prepared.applicationId)
    .where('state', '=', 'draft')
    .execute();
  await db
    .insertInto('prepared_document')
    .values({
      id: prepared.id,
      application_id: prepared.applicationId,
      document_id: prepared.documentId,
      number: prepared.number,
      kind: prepared.kind,
      service_code: prepared.serviceCode,
      content: JSON.stringify(prepared.content),
      content_sha256: prepared.contentSha256,
      pdf: prepared.pdf,
      pdf_sha256: prepared.pdfSha256,
      prepared_by: prepared.preparedBy,
      signer_staff_id: prepared.signerStaffId,
      state: 'draft',
      prepared_at: prepared.preparedAt,
    })
    .execute();
}

/** The draft of an application with this id, or undefined. */
export async function findPreparedDocument(
  db: Executor,
  applicationId: string,
  id: string,
): Promise<PreparedDocument | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('prepared_document')
    .selectAll()
    .where('id', '=', id)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return row && toPrepared(row);
}

/** The application's current draft (the newest one not signed or superseded), or undefined. */
export async function findCurrentDraft(
  db: Executor,
  applicationId: string,
): Promise<PreparedDocument | undefined> {
  const row = await db
    .selectFrom('prepared_document')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('state', '=', 'draft')
    .orderBy('prepared_at', 'desc')
    .executeTakeFirst();
  return row && toPrepared(row);
}

/** Marks a draft signed; false when it was no longer a draft (someone signed it first). */
export async function markPreparedSigned(db: Executor, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('prepared_document')
    .set({ state: 'signed', signed_at: at })
    .where('id', '=', id)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The active staff accounts of an organisation holding `role`, by name. */
export async function listStaffWithRole(
  db: Executor,
  organisationId: string,
  role: string,
): Promise<Array<{ id: string; iin: string; fullName: string; fullNameKk: string }>> {
  const rows = await db
    .selectFrom('staff_account')
    .select(['id', 'iin', 'full_name', 'full_name_kk'])
    .where('organisation_id', '=', organisationId)
    .where('is_active', '=', true)
    .where(sql<boolean>`${role} = any(roles)`)
    .orderBy('full_name')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    iin: row.iin,
    fullName: row.full_name,
    fullNameKk: row.full_name_kk,
  }));
}

type Row = {
  id: string;
  application_id: string;
  document_id: string;
  number: string;
  kind: string;
  service_code: string | null;
  content: Record<string, unknown>;
  content_sha256: string;
  pdf: Uint8Array;
  pdf_sha256: string;
  prepared_by: string;
  signer_staff_id: string;
  state: 'draft' | 'signed' | 'superseded';
  prepared_at: Date;
  signed_at: Date | null;
};

function toPrepared(row: Row): PreparedDocument {
  return {
    id: row.id,
    applicationId: row.application_id,
    documentId: row.document_id,
    number: row.number,
    kind: row.kind,
    serviceCode: row.service_code,
    content: typeof row.content === 'string' ? JSON.parse(row.content) : row.content,
    contentSha256: row.content_sha256,
    pdf: new Uint8Array(row.pdf),
    pdfSha256: row.pdf_sha256,
    preparedBy: row.prepared_by,
    signerStaffId: row.signer_staff_id,
    state: row.state,
    preparedAt: row.prepared_at,
    signedAt: row.signed_at,
  };
}

/** Sets the application's drafts aside (superseded): returned to the executor. How many. */
export async function supersedeDrafts(db: Executor, applicationId: string): Promise<number> {
  const result = await db
    .updateTable('prepared_document')
    .set({ state: 'superseded' })
    .where('application_id', '=', applicationId)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
