import { createHash } from 'node:crypto';
import { validateApplicationForm } from '../../domain/application/validate-fields.js';
import {
  missingUploads,
  portalDocumentRequirements,
} from '../../domain/portal/portal-documents.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import type { FieldIssue } from '../../domain/shared/domain-error.js';
import { canonicalJson } from '../../storage/audit.repository.js';
import type {
  PortalDraftDocumentRow,
  PortalDraftRow,
} from '../../storage/portal-draft.repository.js';

/** The applicant's IIN field of the forms (standard-education-duplicates and the others: "ИИН услугополучателя"). */
export const applicantIinFieldId = 'applicant-iin';

/** The field values the engine receives: only the form's fields, blank ones left out. */
export function submittedFields(
  regulation: RegulationDefinition,
  fields: Readonly<Record<string, string>>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of regulation.fields) {
    const value = fields[field.id]?.trim();
    if (value) values[field.id] = value;
  }
  return values;
}

/**
 * Everything that still stops a draft from being certified and submitted: the form's ФЛК
 * (the engine's own validation), the provider and front office choices, and the uploads the
 * regulation requires on the portal for these values.
 */
export function draftIssues(
  regulation: RegulationDefinition,
  draft: Pick<PortalDraftRow, 'fields' | 'providerOrganisationId' | 'frontOfficeId'>,
  documents: readonly Pick<PortalDraftDocumentRow, 'kind'>[],
  options: { day: string; needsFrontOffice: boolean; applicantIin: string },
): FieldIssue[] {
  const values = submittedFields(regulation, draft.fields);
  const issues = validateApplicationForm(regulation, values, options.day);
  // On the portal the applicant is the signed-in citizen (the engine refuses anyone else's
  // IIN on this channel): the form's applicant IIN must be theirs.
  const typedIin = values[applicantIinFieldId];
  if (
    typedIin &&
    typedIin !== options.applicantIin &&
    !issues.some((issue) => issue.path === `fields.${applicantIinFieldId}`)
  ) {
    issues.push({ path: `fields.${applicantIinFieldId}`, rule: 'own_iin' });
  }
  if (!draft.providerOrganisationId)
    issues.push({ path: 'providerOrganisationId', rule: 'required' });
  if (options.needsFrontOffice && !draft.frontOfficeId) {
    issues.push({ path: 'frontOfficeId', rule: 'required' });
  }
  const requirements = portalDocumentRequirements(regulation, values);
  for (const document of missingUploads(requirements, new Set(documents.map((d) => d.kind)))) {
    issues.push({ path: `documents.${document.id}`, rule: 'required' });
  }
  return issues;
}

/** The attachments as the engine records them (kind, name, SHA-256). */
export function attachmentsOf(documents: readonly PortalDraftDocumentRow[]) {
  return documents.map((document) => ({
    kind: document.kind,
    name: document.fileName,
    sha256: document.sha256,
  }));
}

/**
 * The SHA-256 of the application exactly as the citizen reviewed it — regulation, provider,
 * front office, values and the checksums of the files — which the one-time password
 * certifies (standard-education-duplicates, point 8: the electronic application "удостоверенное … одноразовым
 * паролем").
 */
export function draftDigest(
  regulation: RegulationDefinition,
  draft: Pick<PortalDraftRow, 'id' | 'fields' | 'providerOrganisationId' | 'frontOfficeId'>,
  documents: readonly PortalDraftDocumentRow[],
): string {
  const content = canonicalJson({
    draftId: draft.id,
    regulationId: regulation.id,
    providerOrganisationId: draft.providerOrganisationId,
    frontOfficeId: draft.frontOfficeId,
    fields: submittedFields(regulation, draft.fields),
    documents: attachmentsOf(documents),
  });
  return createHash('sha256').update(content).digest('hex');
}
