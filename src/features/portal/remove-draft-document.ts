import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  deletePortalDraftDocument,
  findPortalDraft,
} from '../../storage/portal-draft.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import type { PortalCitizen } from './portal-citizen.js';

/** Removes a file from the citizen's open draft; not_found for anyone else's. */
export async function removeDraftDocument(
  services: ApplicationServices,
  citizen: PortalCitizen,
  input: { draftId: string; documentId: string },
): Promise<void> {
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const valid = /^[0-9a-f-]{36}$/;
    const draft =
      valid.test(input.draftId) && valid.test(input.documentId)
        ? await findPortalDraft(trx, citizen.accountId, input.draftId)
        : undefined;
    if (!draft) throw new DomainError(ErrorCode.notFound, { draftId: input.draftId });
    if (draft.status !== 'open') {
      throw new DomainError(ErrorCode.conflict, { reason: 'draft_already_submitted' });
    }
    if (!(await deletePortalDraftDocument(trx, draft.id, input.documentId))) {
      throw new DomainError(ErrorCode.notFound, { documentId: input.documentId });
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: citizen.accountId },
      action: 'portal.document_removed',
      subjectType: 'portal_draft',
      subjectId: draft.id,
      details: { documentId: input.documentId },
    });
  });
}
