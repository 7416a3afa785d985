import type { ExpressionBuilder, Transaction } from 'kysely';
import type { Database } from './db.js';
import {
  draftDocumentColumns,
  draftDocumentOf,
  type PortalDraftDocumentRow,
} from './portal-draft.repository.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A file the applicant uploaded on the portal for an application (its submitted draft). */
export type ApplicationUploadRow = Omit<PortalDraftDocumentRow, 'draftId'>;

/** The submitted draft that became `applicationId` (one at most). */
const submittedDraftOf =
  (applicationId: string) => (eb: ExpressionBuilder<Tables, 'portal_draft_document'>) =>
    eb
      .selectFrom('portal_draft')
      .select('portal_draft.id')
      .where('portal_draft.application_id', '=', applicationId)
      .where('portal_draft.status', '=', 'submitted');

function uploadOf(row: Parameters<typeof draftDocumentOf>[0]): ApplicationUploadRow {
  const { draftId: _draftId, ...upload } = draftDocumentOf(row);
  return upload;
}

/** The uploads of the portal draft submitted as `applicationId`, oldest first, without content. */
export async function listApplicationUploads(
  db: Executor,
  applicationId: string,
): Promise<ApplicationUploadRow[]> {
  const rows = await db
    .selectFrom('portal_draft_document')
    .select(draftDocumentColumns)
    .where('draft_id', 'in', submittedDraftOf(applicationId))
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map(uploadOf);
}

/** One upload of the application's submitted draft with its bytes, or undefined. */
export async function findApplicationUpload(
  db: Executor,
  applicationId: string,
  uploadId: string,
): Promise<(ApplicationUploadRow & { content: Uint8Array }) | undefined> {
  const row = await db
    .selectFrom('portal_draft_document')
    .select([...draftDocumentColumns, 'content'])
    .where('draft_id', 'in', submittedDraftOf(applicationId))
    .where('id', '=', uploadId)
    .executeTakeFirst();
  return row && { ...uploadOf(row), content: new Uint8Array(row.content) };
}
