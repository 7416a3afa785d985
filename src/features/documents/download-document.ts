import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findDocument, type StoredDocument } from '../../storage/document.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { recordRead } from '../../engine/record-read.js';

/** A PDF a person may download. */
export interface DownloadableDocument {
  readonly id: string;
  readonly number: string;
  readonly kind: string;
  readonly pdf: Uint8Array;
  readonly fileName: string;
}

/**
 * The PDF of a document for the person asking: a document of an application for whoever may
 * see the application (its applicant or representative, the staff of the organisations that
 * hold it); a document of no application (e.g. a courier register) for the staff of the
 * organisation named in its content (`organisationId`, or `fromOrganisationId` /
 * `toOrganisationId`), and for the citizen it was issued to (`citizenIin`: a kindergarten
 * referral to the parent). Anything else is reported as not found, so existence does not leak.
 * The download is audited as a read of personal data.
 */
export async function downloadDocumentFor(
  services: ApplicationServices,
  principal: Principal,
  documentId: string,
): Promise<DownloadableDocument> {
  const document = await findReadableDocument(services, principal, documentId);
  return {
    id: document.id,
    number: document.number,
    kind: document.kind,
    pdf: document.pdf,
    fileName: `${document.number}.pdf`,
  };
}

/**
 * The stored document for the person asking, under the rule of {@link downloadDocumentFor}
 * (else not found); the read is audited as a read of personal data.
 */
export async function findReadableDocument(
  services: ApplicationServices,
  principal: Principal,
  documentId: string,
): Promise<StoredDocument> {
  const document = await findDocument(services.db, documentId);
  if (!document) throw new DomainError(ErrorCode.notFound, { document: documentId });
  if (document.applicationId) {
    await getApplicationFor(services, principal, document.applicationId);
  } else {
    const content = document.content;
    const organisations = ['organisationId', 'fromOrganisationId', 'toOrganisationId']
      .map((key) => content[key])
      .filter((value): value is string => typeof value === 'string');
    const isOwnStaff =
      principal.kind === 'staff' && organisations.includes(principal.organisationId);
    const isOwnCitizen =
      principal.kind === 'citizen' &&
      typeof content.citizenIin === 'string' &&
      content.citizenIin === principal.iin;
    if (!isOwnStaff && !isOwnCitizen) {
      throw new DomainError(ErrorCode.notFound, { document: documentId });
    }
  }
  await recordRead(services.db, principal, services.now(), {
    subjectId: document.applicationId,
    details: { document: document.id, number: document.number, kind: document.kind },
  });
  return document;
}
