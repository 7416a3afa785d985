import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A file the applicant uploaded on the portal for an application (its submitted draft). */
export interface ApplicationUploadRow {
  id: string;
  kind: string;
  fileName: string;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

const columns = [
  'd.id',
  'd.kind',
  'd.file_name',
  'd.media_type',
  'd.size_bytes',
  'd.sha256',
  'd.uploaded_at',
] as const;

const toRow = (row: {
  id: string;
  kind: string;
  file_name: string;
  media_type: ApplicationUploadRow['mediaType'];
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
}): ApplicationUploadRow => ({
  id: row.id,
  kind: row.kind,
  fileName: row.file_name,
  mediaType: row.media_type,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  uploadedAt: row.uploaded_at,
});

/** The uploads of the portal draft submitted as `applicationId`, oldest first, without content. */
export async function listApplicationUploads(
  db: Executor,
  applicationId: string,
): Promise<ApplicationUploadRow[]> {
  const rows = await db
    .selectFrom('portal_draft_document as d')
    .innerJoin('portal_draft as p', 'p.id', 'd.draft_id')
    .select(columns)
    .where('p.application_id', '=', applicationId)
    .where('p.status', '=', 'submitted')
    .orderBy('d.uploaded_at')
    .orderBy('d.id')
    .execute();
  return rows.map(toRow);
}

/** One upload of the application's submitted draft with its bytes, or undefined. */
export async function findApplicationUpload(
  db: Executor,
  applicationId: string,
  uploadId: string,
): Promise<(ApplicationUploadRow & { content: Uint8Array }) | undefined> {
  const row = await db
    .selectFrom('portal_draft_document as d')
    .innerJoin('portal_draft as p', 'p.id', 'd.draft_id')
    .select([...columns, 'd.content'])
    .where('p.application_id', '=', applicationId)
    .where('p.status', '=', 'submitted')
    .where('d.id', '=', uploadId)
    .executeTakeFirst();
  return row && { ...toRow(row), content: new Uint8Array(row.content) };
}
