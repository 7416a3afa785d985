import type { Selectable, Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A draft of a portal application as stored. */
export interface PortalDraftRow {
  id: string;
  citizenAccountId: string;
  regulationId: string;
  providerOrganisationId: string | null;
  frontOfficeId: string | null;
  fields: Record<string, string>;
  status: 'open' | 'submitted';
  applicationId: string | null;
  applicationNumber: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An uploaded file of a draft, without its content. */
export interface PortalDraftDocumentRow {
  id: string;
  draftId: string;
  kind: string;
  fileName: string;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

const draftColumns = [
  'id',
  'citizen_account_id',
  'regulation_id',
  'provider_organisation_id',
  'front_office_id',
  'fields',
  'status',
  'application_id',
  'application_number',
  'created_at',
  'updated_at',
] as const;

function toDraft(row: {
  id: string;
  citizen_account_id: string;
  regulation_id: string;
  provider_organisation_id: string | null;
  front_office_id: string | null;
  fields: Record<string, string>;
  status: 'open' | 'submitted';
  application_id: string | null;
  application_number: string | null;
  created_at: Date;
  updated_at: Date;
}): PortalDraftRow {
  return {
    id: row.id,
    citizenAccountId: row.citizen_account_id,
    regulationId: row.regulation_id,
    providerOrganisationId: row.provider_organisation_id,
    frontOfficeId: row.front_office_id,
    fields: row.fields,
    status: row.status,
    applicationId: row.application_id,
    applicationNumber: row.application_number,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The drafts of one citizen account (every query of a draft is scoped to its owner). */
function draftsOf(db: Executor, citizenAccountId: string) {
  return db
    .selectFrom('portal_draft')
    .select(draftColumns)
    .where('citizen_account_id', '=', citizenAccountId);
}

/** The draft with this id belonging to this citizen account, or undefined. */
export async function findPortalDraft(
  db: Executor,
  citizenAccountId: string,
  draftId: string,
): Promise<PortalDraftRow | undefined> {
  const row = await draftsOf(db, citizenAccountId).where('id', '=', draftId).executeTakeFirst();
  return row && toDraft(row);
}

/** The citizen's open draft for a regulation (the newest), or undefined. */
export async function findOpenPortalDraft(
  db: Executor,
  citizenAccountId: string,
  regulationId: string,
): Promise<PortalDraftRow | undefined> {
  const row = await draftsOf(db, citizenAccountId)
    .where('regulation_id', '=', regulationId)
    .where('status', '=', 'open')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row && toDraft(row);
}

/** Inserts a new open draft. */
export async function insertPortalDraft(
  db: Executor,
  draft: {
    id: string;
    citizenAccountId: string;
    regulationId: string;
    providerOrganisationId: string | null;
    frontOfficeId: string | null;
    fields: Record<string, string>;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('portal_draft')
    .values({
      id: draft.id,
      citizen_account_id: draft.citizenAccountId,
      regulation_id: draft.regulationId,
      provider_organisation_id: draft.providerOrganisationId,
      front_office_id: draft.frontOfficeId,
      fields: JSON.stringify(draft.fields),
      status: 'open',
      created_at: draft.now,
      updated_at: draft.now,
    })
    .execute();
}

/** Replaces an open draft's choices and field values. */
export async function updatePortalDraft(
  db: Executor,
  draftId: string,
  values: {
    providerOrganisationId: string | null;
    frontOfficeId: string | null;
    fields: Record<string, string>;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('portal_draft')
    .set({
      provider_organisation_id: values.providerOrganisationId,
      front_office_id: values.frontOfficeId,
      fields: JSON.stringify(values.fields),
      updated_at: values.now,
    })
    .where('id', '=', draftId)
    .where('status', '=', 'open')
    .execute();
}

/** Marks a draft submitted, with the application it became. */
export async function markPortalDraftSubmitted(
  db: Executor,
  draftId: string,
  application: { id: string; number: string; now: Date },
): Promise<void> {
  await db
    .updateTable('portal_draft')
    .set({
      status: 'submitted',
      application_id: application.id,
      application_number: application.number,
      updated_at: application.now,
    })
    .where('id', '=', draftId)
    .execute();
}

/** The columns of a draft's file, without its content. */
export const draftDocumentColumns = [
  'id',
  'draft_id',
  'kind',
  'file_name',
  'media_type',
  'size_bytes',
  'sha256',
  'uploaded_at',
] as const;

/** A draft's file as the application sees it. */
export function draftDocumentOf(
  row: Pick<Selectable<Tables['portal_draft_document']>, (typeof draftDocumentColumns)[number]>,
): PortalDraftDocumentRow {
  return {
    id: row.id,
    draftId: row.draft_id,
    kind: row.kind,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at,
  };
}

/** The files of a draft, oldest first, without content. */
export async function listPortalDraftDocuments(
  db: Executor,
  draftId: string,
): Promise<PortalDraftDocumentRow[]> {
  const rows = await db
    .selectFrom('portal_draft_document')
    .select(draftDocumentColumns)
    .where('draft_id', '=', draftId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map(draftDocumentOf);
}

/** Stores an uploaded file of a draft. */
export async function insertPortalDraftDocument(
  db: Executor,
  document: Omit<PortalDraftDocumentRow, 'uploadedAt'> & { content: Uint8Array; now: Date },
): Promise<void> {
  await db
    .insertInto('portal_draft_document')
    .values({
      id: document.id,
      draft_id: document.draftId,
      kind: document.kind,
      file_name: document.fileName,
      media_type: document.mediaType,
      size_bytes: document.sizeBytes,
      sha256: document.sha256,
      content: document.content,
      uploaded_at: document.now,
    })
    .execute();
}

/** Removes one file of a draft; whether it existed. */
export async function deletePortalDraftDocument(
  db: Executor,
  draftId: string,
  documentId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('portal_draft_document')
    .where('id', '=', documentId)
    .where('draft_id', '=', draftId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
