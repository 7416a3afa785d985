import { DocumentLanguage, formatKazakhstanTime } from '../../documents/document-content.js';
import { DocumentKind, findTemplate, type DocumentTemplate } from '../../documents/templates.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import type { ApplicationEvent } from '../../domain/application/ApplicationEvent.js';
import { getFlow, type ApplicationState } from '../../domain/application/fold.js';
import { DraftOutcome } from '../../domain/application/drafting.js';
import type { PersonRegistry } from '../../integrations/registries.js';

/**
 * The template of the draft, from the regulation's `results`: its reasoned refusal (the
 * generic one when the regulation lists none), or its result — the entry of kind `result`,
 * else `referral` (a kindergarten's referral is its result). Undefined when the regulation
 * issues no result.
 */
export function draftTemplate(
  outcome: DraftOutcome,
  regulation: Pick<RegulationDefinition, 'results'>,
): DocumentTemplate | undefined {
  if (outcome === DraftOutcome.reasonedRefusal) {
    const refusal = regulation.results.find((entry) => entry.kind === 'reasoned_refusal');
    return findTemplate(DocumentKind.reasonedRefusal, refusal);
  }
  for (const kind of [DocumentKind.result, DocumentKind.referral] as const) {
    const entry = regulation.results.find((candidate) => candidate.kind === kind);
    if (entry) return findTemplate(kind, entry);
  }
  return undefined;
}

/** The fields the system fills for the executor (the request's number, date, the service). */
export function prefilledFields(
  template: DocumentTemplate,
  record: { number: string },
  state: ApplicationState,
  regulation: RegulationDefinition,
): Record<string, string> {
  const known: Record<string, string> = {
    requestNumber: record.number,
    requestDate: formatKazakhstanTime(new Date(state.submittedAt)).slice(0, 10),
    service: `${regulation.name.kk} / ${regulation.name.ru}`,
  };
  return Object.fromEntries(
    template.fields
      .filter((field) => known[field.key] !== undefined)
      .map((f) => [f.key, known[f.key]!]),
  );
}

/**
 * Who signs the draft: the head who resolved the application (the regulation's "resolution
 * and assignment" step), when known.
 */
export function resolvingHeadId(
  events: readonly ApplicationEvent[],
  regulation: RegulationDefinition,
  state: ApplicationState,
): string | undefined {
  const flow = getFlow(regulation, state.channel);
  for (const event of [...events].reverse()) {
    if (event.type !== 'step_completed' || event.actor.kind !== 'staff') continue;
    const step = flow.steps.find((candidate) => candidate.id === event.stepId);
    if (step?.action === 'assign_executor') return event.actor.userId;
  }
  return undefined;
}

/** The language of prepared documents: both (the regulations issue bilingual forms). */
export const draftLanguage = DocumentLanguage.bilingual;

/**
 * What the official's draft form starts with (they may change it): for a field that the
 * definition marks `prefill: applicant_name`, the applicant's full name as the person registry
 * (ГБД ФЛ) knows it, in Russian spelling. Nothing when the template asks for none, the registry
 * does not know the person or does not answer (the official types the name).
 */
export async function suggestedFields(
  template: DocumentTemplate,
  registry: PersonRegistry,
  applicantIin: string,
  applicationId: string,
): Promise<Record<string, string>> {
  const fields = template.fields.filter((field) => field.prefill === 'applicant_name');
  if (fields.length === 0) return {};
  const found = await registry
    .findPerson(applicantIin, { correlationId: applicationId })
    .catch(() => undefined);
  if (found?.status !== 'found') return {};
  const person = found.data;
  const name = [person.lastName.ru, person.firstName.ru, person.patronymic?.ru]
    .filter(Boolean)
    .join(' ');
  return Object.fromEntries(fields.map((field) => [field.key, name]));
}
