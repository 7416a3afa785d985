import type { LocalizedText } from '../../domain/shared/locale.js';
import { documentKindLabel } from '../../documents/templates.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { Database } from '../../storage/db.js';
import { findDocument, listApplicationDocuments } from '../../storage/document.repository.js';

/**
 * The PDF of a document, for download from the personal cabinet or the back office. The
 * caller authorises (the applicant of the application, or its staff). Throws not_found.
 */
export async function getDocumentPdf(
  db: Database,
  id: string,
): Promise<{
  id: string;
  number: string;
  kind: string;
  applicationId: string | null;
  pdf: Uint8Array;
  fileName: string;
}> {
  const document = await findDocument(db, id);
  if (!document) throw new DomainError(ErrorCode.notFound, { document: id });
  return {
    id: document.id,
    number: document.number,
    kind: document.kind,
    applicationId: document.applicationId,
    pdf: document.pdf,
    fileName: `${document.number}.pdf`,
  };
}

/** The documents issued for an application, oldest first, with which ones were reissued. */
export async function listDocumentsOfApplication(
  db: Database,
  applicationId: string,
): Promise<
  Array<{
    id: string;
    number: string;
    kind: string;
    /** The title printed on it, else the label of its kind (kk/ru/en). */
    title: LocalizedText | { kk: string; ru: string };
    signedAt: Date;
    replacesDocumentId: string | null;
    isCurrent: boolean;
  }>
> {
  const documents = await listApplicationDocuments(db, applicationId);
  const replaced = new Set(
    documents.map((d) => d.replacesDocumentId).filter((id): id is string => id !== null),
  );
  return documents.map((document) => ({
    ...document,
    title: document.title ?? documentKindLabel(document.kind),
    isCurrent: !replaced.has(document.id),
  }));
}
