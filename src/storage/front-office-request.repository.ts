import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** The front office's electronic request of an application, as the features see it. */
export interface FrontOfficeRequestRecord {
  id: string;
  applicationId: string;
  content: Record<string, unknown>;
  /** The canonical bytes the operator signs. */
  contentBytes: Uint8Array;
  contentSha256: string;
  preparedBy: string;
  preparedAt: Date;
  signature: Uint8Array | null;
  signerStaffId: string | null;
  signerIin: string | null;
  signerName: string | null;
  certificateSerial: string | null;
  signedAt: Date | null;
}

/** Stores a prepared (unsigned) request; a second one for the same application is ignored. */
export async function insertFrontOfficeRequest(
  db: Executor,
  request: Pick<
    FrontOfficeRequestRecord,
    | 'id'
    | 'applicationId'
    | 'content'
    | 'contentBytes'
    | 'contentSha256'
    | 'preparedBy'
    | 'preparedAt'
  >,
): Promise<void> {
  await db
    .insertInto('front_office_request')
    .values({
      id: request.id,
      application_id: request.applicationId,
      content: JSON.stringify(request.content),
      content_bytes: request.contentBytes,
      content_sha256: request.contentSha256,
      prepared_by: request.preparedBy,
      prepared_at: request.preparedAt,
    })
    .onConflict((conflict) => conflict.column('application_id').doNothing())
    .execute();
}

/** The request of an application, or undefined. */
export async function findFrontOfficeRequest(
  db: Executor,
  applicationId: string,
): Promise<FrontOfficeRequestRecord | undefined> {
  const row = await db
    .selectFrom('front_office_request')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    applicationId: row.application_id,
    content: row.content,
    contentBytes: new Uint8Array(row.content_bytes),
    contentSha256: row.content_sha256,
    preparedBy: row.prepared_by,
    preparedAt: row.prepared_at,
    signature: row.signature ? new Uint8Array(row.signature) : null,
    signerStaffId: row.signer_staff_id,
    signerIin: row.signer_iin,
    signerName: row.signer_name,
    certificateSerial: row.certificate_serial,
    signedAt: row.signed_at,
  };
}

/** Records the signature of a request not signed yet; false when it was signed already. */
export async function markFrontOfficeRequestSigned(
  db: Executor,
  id: string,
  signature: {
    cms: Uint8Array;
    signerStaffId: string;
    signerIin: string | null;
    signerName: string;
    certificateSerial: string;
    signedAt: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('front_office_request')
    .set({
      signature: signature.cms,
      signer_staff_id: signature.signerStaffId,
      signer_iin: signature.signerIin,
      signer_name: signature.signerName,
      certificate_serial: signature.certificateSerial,
      signed_at: signature.signedAt,
    })
    .where('id', '=', id)
    .where('signed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The SHA-256 of the PDFs issued for an application (receipts), oldest first. */
export async function listIssuedDocumentHashes(
  db: Executor,
  applicationId: string,
): Promise<{ id: string; number: string; kind: string; pdfSha256: string }[]> {
  const rows = await db
    .selectFrom('document')
    .select(['id', 'number', 'kind', 'pdf_sha256'])
    .where('application_id', '=', applicationId)
    .orderBy('signed_at')
    .orderBy('number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    kind: row.kind,
    pdfSha256: row.pdf_sha256,
  }));
}
