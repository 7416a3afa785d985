import { createHash, randomUUID } from 'node:crypto';
import { checkUpload, cleanFileName } from '../../domain/portal/uploaded-file.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  findPortalDraft,
  insertPortalDraftDocument,
  listPortalDraftDocuments,
} from '../../storage/portal-draft.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import type { PortalCitizen } from './portal-citizen.js';

/** The kind of a file that answers none of the regulation's documents. */
export const otherDocumentKind = 'other';

/**
 * Attaches an uploaded file to the citizen's open draft: the type is recognised from the
 * content (PDF, JPEG, PNG), sizes are limited per file and in all, and the SHA-256 is
 * computed and returned for the citizen to see. A refused file is not stored:
 * DomainError('validation_failed', issues [{ path: 'file', rule }]).
 */
export async function attachDraftDocument(
  services: ApplicationServices,
  citizen: PortalCitizen,
  input: { draftId: string; kind: string; fileName: string; content: Uint8Array },
): Promise<{ documentId: string; sha256: string; sizeBytes: number; mediaType: string }> {
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const draft = /^[0-9a-f-]{36}$/.test(input.draftId)
      ? await findPortalDraft(trx, citizen.accountId, input.draftId)
      : undefined;
    const regulation = draft && services.regulations.findById(draft.regulationId);
    if (!draft || !regulation)
      throw new DomainError(ErrorCode.notFound, { draftId: input.draftId });
    if (draft.status !== 'open') {
      throw new DomainError(ErrorCode.conflict, { reason: 'draft_already_submitted' });
    }
    const kinds = new Set([otherDocumentKind, ...regulation.documents.map((d) => d.id)]);
    if (!kinds.has(input.kind)) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'kind', rule: 'choice' }],
      });
    }
    const existing = await listPortalDraftDocuments(trx, draft.id);
    const check = checkUpload(input.content, {
      files: existing.length,
      bytes: existing.reduce((sum, document) => sum + document.sizeBytes, 0),
    });
    if (!check.ok) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'file', rule: check.problem }],
      });
    }
    const documentId = randomUUID();
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    const fileName = cleanFileName(input.fileName);
    await insertPortalDraftDocument(trx, {
      id: documentId,
      draftId: draft.id,
      kind: input.kind,
      fileName,
      mediaType: check.mediaType,
      sizeBytes: input.content.byteLength,
      sha256,
      content: input.content,
      now,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: citizen.accountId },
      action: 'portal.document_uploaded',
      subjectType: 'portal_draft',
      subjectId: draft.id,
      details: { documentId, kind: input.kind, sha256, sizeBytes: input.content.byteLength },
    });
    return {
      documentId,
      sha256,
      sizeBytes: input.content.byteLength,
      mediaType: check.mediaType,
    };
  });
}
