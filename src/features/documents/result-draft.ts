import { DocumentLanguage, formatKazakhstanTime } from '../../documents/document-content.js';
import {
  DocumentKind,
  findTemplate,
  listTemplates,
  type DocumentTemplate,
} from '../../documents/templates.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import type { ApplicationEvent } from '../../domain/application/ApplicationEvent.js';
import { getFlow, type ApplicationState } from '../../domain/application/fold.js';

/** What the executor drafts: the service's result or a reasoned refusal. */
export const DraftOutcome = { result: 'result', reasonedRefusal: 'reasoned_refusal' } as const;
export type DraftOutcome = (typeof DraftOutcome)[keyof typeof DraftOutcome];

/** Kinds that are not a provider's result (front office and queue papers). */
const notResults: ReadonlySet<string> = new Set([
  DocumentKind.receipt,
  DocumentKind.refusalReceipt,
  DocumentKind.courierRegister,
  DocumentKind.reasonedRefusal,
  DocumentKind.registrationSlip,
]);

/**
 * The template of the draft: the reasoned refusal (common to every service), or the
 * service's own result (src/documents/templates.ts; the regulations digest, "The services").
 */
export function draftTemplate(
  outcome: DraftOutcome,
  serviceCode: string,
): DocumentTemplate | undefined {
  if (outcome === DraftOutcome.reasonedRefusal) {
    return findTemplate(DocumentKind.reasonedRefusal, serviceCode);
  }
  return listTemplates().find(
    (entry) => entry.serviceCode === serviceCode && !notResults.has(entry.template.kind),
  )?.template;
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
