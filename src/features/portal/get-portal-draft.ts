import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import {
  findOpenPortalDraft,
  findPortalDraft,
  listPortalDraftDocuments,
  type PortalDraftDocumentRow,
  type PortalDraftRow,
} from '../../storage/portal-draft.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';

export type { PortalDraftDocumentRow, PortalDraftRow };

/** A draft with its files and its regulation. */
export interface PortalDraft {
  readonly draft: PortalDraftRow;
  readonly documents: PortalDraftDocumentRow[];
  readonly regulation: RegulationDefinition;
}

/**
 * The citizen's own draft; another citizen's draft (or an unknown id) is not_found, so a
 * draft's existence is never revealed to anyone else.
 */
export async function getPortalDraft(
  services: ApplicationServices,
  citizenAccountId: string,
  draftId: string,
): Promise<PortalDraft> {
  const draft = /^[0-9a-f-]{36}$/.test(draftId)
    ? await findPortalDraft(services.db, citizenAccountId, draftId)
    : undefined;
  const regulation = draft && services.regulations.findById(draft.regulationId);
  if (!draft || !regulation) throw new DomainError(ErrorCode.notFound, { draftId });
  return { draft, regulation, documents: await listPortalDraftDocuments(services.db, draft.id) };
}

/** The citizen's open draft for a regulation, to continue where they stopped; or undefined. */
export async function findOpenDraftFor(
  services: ApplicationServices,
  citizenAccountId: string,
  regulationId: string,
): Promise<PortalDraft | undefined> {
  const draft = await findOpenPortalDraft(services.db, citizenAccountId, regulationId);
  if (!draft) return undefined;
  return getPortalDraft(services, citizenAccountId, draft.id);
}
