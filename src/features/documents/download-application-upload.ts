import { createHash } from 'node:crypto';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findApplicationUpload } from '../../storage/application-upload.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { recordRead } from '../../engine/record-read.js';

/** An applicant's uploaded file as the provider's staff download it. */
export interface DownloadableUpload {
  readonly id: string;
  readonly kind: string;
  readonly fileName: string;
  readonly mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  readonly sha256: string;
  readonly content: Uint8Array;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A file the applicant uploaded on the portal, for the staff of the organisations that hold
 * the application (`getApplicationFor`: anyone else, and every citizen, gets not found, so
 * existence does not leak). Only a file the engine recorded in the submission (same kind and
 * SHA-256) is served, and only when its bytes still hash to that SHA-256. The download is
 * audited as a read of personal data, like `downloadDocumentFor`.
 */
export async function downloadApplicationUpload(
  services: ApplicationServices,
  principal: Principal,
  applicationId: string,
  uploadId: string,
): Promise<DownloadableUpload> {
  const notFound = () =>
    new DomainError(ErrorCode.notFound, { application: applicationId, upload: uploadId });
  if (principal.kind !== 'staff') throw notFound();
  const loaded = await getApplicationFor(services, principal, applicationId);
  const upload = await findApplicationUpload(services.db, loaded.record.id, uploadId);
  if (!upload) throw notFound();
  const submitted = loaded.events.find((event) => event.type === 'submitted');
  const recorded =
    submitted?.type === 'submitted' &&
    submitted.documents.some(
      (document) => document.kind === upload.kind && document.sha256 === upload.sha256,
    );
  if (!recorded || sha256Of(upload.content) !== upload.sha256) throw notFound();
  await recordRead(services.db, principal, services.now(), {
    subjectId: loaded.record.id,
    details: { upload: upload.id, kind: upload.kind, sha256: upload.sha256 },
  });
  return {
    id: upload.id,
    kind: upload.kind,
    fileName: upload.fileName,
    mediaType: upload.mediaType,
    sha256: upload.sha256,
    content: upload.content,
  };
}
