import { randomUUID } from 'node:crypto';
import type { FieldIssue } from '../../domain/shared/domain-error.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  findPortalDraft,
  insertPortalDraft,
  listPortalDraftDocuments,
  updatePortalDraft,
} from '../../storage/portal-draft.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { frontOfficeLabel } from '../applications/front-office-choices.js';
import { draftIssues } from './draft-readiness.js';
import { listServiceProviders, portalDay } from './list-service-providers.js';
import type { PortalCitizen } from './portal-citizen.js';

/**
 * The field of standard-education-duplicates that names the front office where the result is collected
 * ("Адрес Государственной корпорации для получения результата", point 5): the portal fills
 * it from the front office the citizen chose, so the two can never disagree.
 */
export const frontOfficeFieldId = 'result-front-office';

export interface SavePortalDraftInput {
  /** The draft to update; a new draft is started without it. */
  readonly draftId?: string;
  readonly regulationId: string;
  readonly providerOrganisationId: string;
  readonly frontOfficeId: string;
  readonly fields: Readonly<Record<string, string>>;
  /** The language the citizen uses, for the front office's name in the form. */
  readonly language: 'kk' | 'ru';
}

/**
 * Saves what the citizen typed on the portal form — always, even with mistakes, so nothing
 * is lost between steps — and returns the problems still to fix (the engine's ФЛК, the
 * choices and the missing uploads). Only the form's own fields are kept.
 */
export async function savePortalDraft(
  services: ApplicationServices,
  citizen: PortalCitizen,
  input: SavePortalDraftInput,
): Promise<{ draftId: string; issues: FieldIssue[] }> {
  const now = services.now();
  const { regulation, providers, frontOffices, needsFrontOffice } = await listServiceProviders(
    services,
    input.regulationId,
  );
  const provider = providers.find((candidate) => candidate.id === input.providerOrganisationId);
  const frontOffice = frontOffices.find((candidate) => candidate.id === input.frontOfficeId);
  const fields: Record<string, string> = {};
  for (const field of regulation.fields) {
    const value = input.fields[field.id];
    if (typeof value === 'string') fields[field.id] = value.trim().slice(0, 1000);
  }
  if (needsFrontOffice && regulation.fields.some((field) => field.id === frontOfficeFieldId)) {
    const limit =
      regulation.fields.find((field) => field.id === frontOfficeFieldId)?.length?.max ?? 250;
    fields[frontOfficeFieldId] = frontOffice
      ? frontOfficeLabel(frontOffice, input.language, limit)
      : '';
  }
  const values = {
    providerOrganisationId: provider?.id ?? null,
    frontOfficeId: needsFrontOffice ? (frontOffice?.id ?? null) : null,
    fields,
    now,
  };
  const draftId = await services.db.transaction().execute(async (trx) => {
    let id = input.draftId;
    if (id) {
      const existing = /^[0-9a-f-]{36}$/.test(id)
        ? await findPortalDraft(trx, citizen.accountId, id)
        : undefined;
      if (!existing || existing.regulationId !== regulation.id) {
        throw new DomainError(ErrorCode.notFound, { draftId: id });
      }
      if (existing.status !== 'open') {
        throw new DomainError(ErrorCode.conflict, { reason: 'draft_already_submitted' });
      }
      await updatePortalDraft(trx, id, values);
    } else {
      id = randomUUID();
      await insertPortalDraft(trx, {
        id,
        citizenAccountId: citizen.accountId,
        regulationId: regulation.id,
        ...values,
      });
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: citizen.accountId },
      action: input.draftId ? 'portal.draft_updated' : 'portal.draft_started',
      subjectType: 'portal_draft',
      subjectId: id,
      details: { regulationId: regulation.id },
    });
    return id;
  });
  const documents = await listPortalDraftDocuments(services.db, draftId);
  const issues = draftIssues(regulation, values, documents, {
    day: portalDay(services),
    needsFrontOffice,
    applicantIin: citizen.iin,
  });
  if (input.providerOrganisationId && !provider) {
    replaceIssue(issues, { path: 'providerOrganisationId', rule: 'unknown_organisation' });
  }
  if (needsFrontOffice && input.frontOfficeId && !frontOffice) {
    replaceIssue(issues, { path: 'frontOfficeId', rule: 'unknown_organisation' });
  } else if (
    needsFrontOffice &&
    frontOffice &&
    provider &&
    frontOffice.regionCode !== provider.regionCode
  ) {
    // The result is collected at a front office of the provider's region (the engine's ФЛК).
    replaceIssue(issues, { path: 'frontOfficeId', rule: 'front_office' });
  }
  return { draftId, issues };
}

function replaceIssue(issues: FieldIssue[], issue: FieldIssue): void {
  const index = issues.findIndex((candidate) => candidate.path === issue.path);
  if (index >= 0) issues[index] = issue;
  else issues.push(issue);
}
