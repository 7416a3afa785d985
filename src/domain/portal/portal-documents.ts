import { requiredDocuments } from '../regulation/application-rules.js';
import type { RegulationDefinition } from '../regulation/RegulationDefinition.js';
import type { RequiredDocument } from '../regulation/RequiredDocument.js';

/**
 * Documents the portal's electronic form itself stands for: on the portal the statement is
 * the electronic application certified by ЭЦП or a one-time password (standard-education-duplicates, point 8,
 * "на портал: заявление в форме электронного документа"; the same for the other sources'
 * "заявление" on the portal).
 */
export const documentsMadeByTheForm: ReadonlySet<string> = new Set([
  'application',
  'electronic-application',
]);

/** A document the portal asks for, and how it is supplied. */
export interface PortalDocumentRequirement {
  readonly document: RequiredDocument;
  /** upload: the citizen attaches a scan; form: the certified form is it; provider: obtained from state systems. */
  readonly suppliedBy: 'upload' | 'form' | 'provider';
}

/**
 * What the regulation requires on the portal for these form values (conditional documents
 * follow the values; `one_of` alternatives are listed with their group).
 */
export function portalDocumentRequirements(
  regulation: RegulationDefinition,
  values: Readonly<Record<string, string>>,
): PortalDocumentRequirement[] {
  return requiredDocuments(regulation, 'portal', values).map((document) => ({
    document,
    suppliedBy: documentsMadeByTheForm.has(document.id)
      ? 'form'
      : document.obtainedByProvider
        ? 'provider'
        : 'upload',
  }));
}

/**
 * The documents still missing: every required upload (for a `one_of` group, one of the group)
 * with no file of its kind. Returns the ids of the missing documents (a group by its first).
 */
export function missingUploads(
  requirements: readonly PortalDocumentRequirement[],
  uploadedKinds: ReadonlySet<string>,
): RequiredDocument[] {
  const missing: RequiredDocument[] = [];
  const groupsSatisfied = new Set<string>();
  for (const { document, suppliedBy } of requirements) {
    if (document.requirement === 'one_of' && document.group) {
      const group = requirements.filter(
        (requirement) => requirement.document.group === document.group,
      );
      if (group.some((requirement) => requirement.suppliedBy !== 'upload')) continue;
      if (group.some((requirement) => uploadedKinds.has(requirement.document.id))) {
        groupsSatisfied.add(document.group);
      }
      if (!groupsSatisfied.has(document.group) && group[0]?.document.id === document.id) {
        missing.push(document);
      }
      continue;
    }
    if (suppliedBy === 'upload' && !uploadedKinds.has(document.id)) missing.push(document);
  }
  return missing;
}
