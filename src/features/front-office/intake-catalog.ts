import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import type { RequiredDocument } from '../../domain/regulation/RequiredDocument.js';
import { listOrganisations } from '../../storage/organisation.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { organisationToday } from './front-office-context.js';
import { frontOfficeKind } from '../../domain/shared/organisation-kind.js';
import {
  hasFrontOfficeField,
  type FrontOfficeChoice,
} from '../applications/front-office-choices.js';

/** A service the front office accepts today, with the providers an applicant may choose. */
export interface IntakeService {
  readonly regulation: RegulationDefinition;
  readonly providers: readonly { id: string; name: { kk: string; ru: string } }[];
  /**
   * The front offices of the region, for a `front_office` field (where the result is
   * collected); empty when the form has none.
   */
  readonly frontOffices: readonly FrontOfficeChoice[];
}

/**
 * The services a front office accepts today: for each service, the regulation version in
 * force in the front office's region whose front-office channel exists (digest, "Channels"),
 * with the providers of the kinds it names in that region.
 */
export async function listIntakeServices(
  services: ApplicationServices,
  frontOfficeId: string,
): Promise<IntakeService[]> {
  const { organisation, day: today } = await organisationToday(services, frontOfficeId);
  // A sandbox intake "as of" a past day takes the versions in force then (docs/sandbox.md).
  const day = services.sandbox && services.asOf ? services.asOf : today;
  const codes = [...new Set(services.regulations.all.map((regulation) => regulation.service))];
  const organisations = await listOrganisations(services.db, {
    regionCode: organisation.regionCode,
  });
  const found: IntakeService[] = [];
  for (const code of codes.sort()) {
    const regulation = services.regulations.findInForce(code, organisation.regionCode, day);
    if (!regulation?.channels.some((flow) => flow.channel === 'front_office')) continue;
    const kinds: readonly string[] = regulation.providerKinds;
    const providers = organisations
      .filter((candidate) => kinds.includes(candidate.kind))
      .map((candidate) => ({
        id: candidate.id,
        name: { kk: candidate.nameKk, ru: candidate.nameRu },
      }));
    const frontOffices = hasFrontOfficeField(regulation)
      ? organisations
          .filter((candidate) => candidate.kind === frontOfficeKind)
          .map((candidate) => ({
            id: candidate.id,
            name: { kk: candidate.nameKk, ru: candidate.nameRu },
            address:
              candidate.addressKk && candidate.addressRu
                ? { kk: candidate.addressKk, ru: candidate.addressRu }
                : null,
            regionCode: candidate.regionCode,
          }))
      : [];
    if (providers.length > 0) found.push({ regulation, providers, frontOffices });
  }
  return found;
}

/** What the operator sees of a document of the package. */
export const DocumentCheck = {
  present: 'present',
  expired: 'expired',
  missing: 'missing',
} as const;
export type DocumentCheck = (typeof DocumentCheck)[keyof typeof DocumentCheck];

/**
 * The regulation's checklist for the front office: the documents the applicant brings on
 * this channel (those the operator obtains from state systems are left out).
 */
export function intakeChecklist(regulation: RegulationDefinition): RequiredDocument[] {
  return regulation.documents.filter(
    (document) =>
      !document.obtainedByProvider &&
      (document.channels === undefined || document.channels.includes('front_office')),
  );
}

/**
 * Whether a conditional document is required by the application's answers: its `when` holds
 * (the same rule the portal applies, src/domain/regulation/application-rules.ts
 * `requiredDocuments`). A condition stated only in words is left to the operator.
 */
function isRequiredByAnswers(
  document: RequiredDocument,
  values: Readonly<Record<string, string>>,
): boolean {
  if (document.requirement !== 'conditional' || !document.when) return false;
  return document.when.some((condition) => {
    const value = values[condition.field];
    return value !== undefined && condition.equals.includes(value);
  });
}

/**
 * Whether the package is complete: every document required always — and every conditional
 * document whose condition the application's answers meet (e.g. the original of a damaged
 * education document, standard-education-duplicates, point 8, item 3) — is present, one of
 * each group of alternatives is present, and nothing presented has expired (digest, "Front
 * office flow": an incomplete package or expired documents are refused with the refusal
 * receipt; standard, point 9). The same document rules as the portal's. Returns the documents
 * missing or expired.
 */
export function checkPackage(
  checklist: readonly RequiredDocument[],
  checks: Readonly<Record<string, DocumentCheck>>,
  values: Readonly<Record<string, string>> = {},
): { complete: boolean; problems: RequiredDocument[] } {
  const problems: RequiredDocument[] = [];
  const groups = new Map<string, RequiredDocument[]>();
  for (const document of checklist) {
    const check = checks[document.id] ?? DocumentCheck.missing;
    if (check === DocumentCheck.expired) problems.push(document);
    else if (
      (document.requirement === 'always' || isRequiredByAnswers(document, values)) &&
      check === DocumentCheck.missing
    )
      problems.push(document);
    else if (document.requirement === 'one_of') {
      const group = document.group ?? document.id;
      groups.set(group, [...(groups.get(group) ?? []), document]);
    }
  }
  for (const members of groups.values()) {
    if (!members.some((document) => checks[document.id] === DocumentCheck.present))
      problems.push(...members);
  }
  return { complete: problems.length === 0, problems };
}
