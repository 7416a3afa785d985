import type { ApplicationEvent } from '../../domain/application/ApplicationEvent.js';
import { statusCheckCodeOf } from '../public-status/status-check-code.js';
import { getFlow } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { listAppeals } from '../../storage/appeal.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { listDocumentsOfApplication } from '../documents/get-document.js';
import { getApplicationView } from '../applications/get-application-view.js';

/** A step's wording in the regulation, found in any channel's flow. */
function stepOf(regulation: RegulationDefinition, channel: string, stepId: string) {
  const flow = getFlow(regulation, channel as never);
  return flow.steps.find((step) => step.id === stepId);
}

/** One entry of the action log as the applicant reads it (no staff identities). */
function entryOf(event: ApplicationEvent, regulation: RegulationDefinition, channel: string) {
  const base = {
    sequence: event.sequence,
    at: new Date(event.at),
    type: event.type,
    actorKind: event.actor.kind,
    actorRole: event.actor.kind === 'staff' ? event.actor.role : null,
  };
  if (event.type === 'step_completed') {
    const step = stepOf(regulation, channel, event.stepId);
    return {
      ...base,
      step: step
        ? { id: step.id, actor: step.actor, action: step.action, description: step.description }
        : null,
      answer: event.answer ?? null,
      reason: null,
      documentIds: event.documentIds,
    };
  }
  // An event with a reason (an extension, a suspension) shows it; any other (submitted,
  // resumed, appealed…) is shown by its label alone.
  const reason = 'reason' in event ? event.reason : null;
  return { ...base, step: null, answer: null, reason, documentIds: [] };
}

/** Suspensions with their reasons: each `suspended` event up to the next `resumed`. */
function suspensionsOf(events: readonly ApplicationEvent[]) {
  const suspensions: { from: Date; to: Date | null; reason: string }[] = [];
  for (const event of events) {
    if (event.type === 'suspended') {
      suspensions.push({ from: new Date(event.at), to: null, reason: event.reason });
    } else if (event.type === 'resumed') {
      const open = suspensions.find((suspension) => suspension.to === null);
      if (open) open.to = new Date(event.at);
    }
  }
  return suspensions;
}

/**
 * Everything the personal cabinet shows about one application of the signed-in citizen (or of
 * a person they represent): the engine's view (status, current step and its due, the whole
 * due, extensions, what the citizen may do now), every event of the log with its time, the
 * suspensions with their reasons, the documents attached at submission, the documents issued
 * (results to download), the appeals with their status and due, and whether the questionnaire
 * was answered. Another person's application is not found (404); the read is audited.
 */
export async function getCabinetApplication(
  services: ApplicationServices,
  principal: Principal,
  applicationId: string,
) {
  const view = await getApplicationView(services, principal, applicationId);
  const loaded = await getApplicationFor(services, principal, view.id);
  const submitted = loaded.events.find((event) => event.type === 'submitted');
  const [documents, appeals] = await Promise.all([
    listDocumentsOfApplication(services.db, view.id),
    listAppeals(services.db, view.id),
  ]);
  const now = loaded.now; // the application's own clock (docs/sandbox.md)
  return {
    view,
    regulation: loaded.regulation,
    events: loaded.events.map((event) => entryOf(event, loaded.regulation, view.channel)),
    suspensions: suspensionsOf(loaded.events),
    attached: submitted?.type === 'submitted' ? submitted.documents : [],
    documents,
    appeals: appeals.map((appeal) => ({
      id: appeal.id,
      status: appeal.status,
      text: appeal.text,
      submittedAt: appeal.submitted_at,
      dueAt: appeal.due_at,
      decidedAt: appeal.decided_at,
      decision: appeal.decision,
      isOverdue: appeal.status === 'submitted' && now.getTime() > appeal.due_at.getTime(),
    })),
    questionnaireAnswered: loaded.state.questionnaireAnswered,
    /** The check code of the receipt: with the number it opens the public status page. */
    statusCheckCode: statusCheckCodeOf(view.id),
  };
}
export type CabinetApplication = Awaited<ReturnType<typeof getCabinetApplication>>;
