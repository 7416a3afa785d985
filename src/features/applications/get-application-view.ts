import {
  applicationStatusLabels,
  finalStatuses,
  type ApplicationStatus,
} from '../../domain/application/ApplicationStatus.js';
import { listAvailableCommands } from '../../domain/application/available-commands.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { conflictDetails } from '../../engine/conflict.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { recordRead } from '../../engine/record-read.js';

const iso = (epochMs: number | undefined) =>
  epochMs === undefined ? null : new Date(epochMs).toISOString();

/** The answer to "show me this application": state, what I may do, history and deadlines. */
export type ApplicationView = ReturnType<typeof viewOf>;

function viewOf(
  loaded: Awaited<ReturnType<typeof getApplicationFor>>,
  principal: Principal,
  now: Date,
) {
  const { record, regulation, state } = loaded;
  const flow = getFlow(regulation, state.channel);
  const step = state.currentStepId ? getStep(flow, state.currentStepId) : undefined;
  const available = listAvailableCommands(state, regulation, principal, record.regionCode);
  const isRunning = !finalStatuses.has(state.status) && state.suspendedSince === undefined;
  const label = (status: ApplicationStatus) => applicationStatusLabels[status];
  return {
    id: record.id,
    number: record.number,
    regulationId: regulation.id,
    serviceCode: regulation.service,
    serviceName: regulation.name,
    regionCode: record.regionCode,
    channel: state.channel,
    status: state.status,
    statusLabel: label(state.status),
    applicantIin: state.applicantIin,
    representativeIin: state.representativeIin ?? null,
    providerOrganisationId: state.providerOrganisationId,
    frontOfficeId: state.frontOfficeId ?? null,
    holderOrganisationId: record.holderOrganisationId,
    submittedAt: new Date(state.submittedAt).toISOString(),
    currentStep: step
      ? {
          id: step.id,
          action: step.action,
          actor: step.actor,
          description: step.description,
          position: flow.steps.indexOf(step) + 1,
          stepCount: flow.steps.length,
          startedAt: iso(state.stepStartedAt),
          dueAt: iso(state.stepDueAt),
          isOverdue: isRunning && state.stepDueAt !== undefined && now.getTime() > state.stepDueAt,
        }
      : null,
    dueAt: new Date(state.dueAt).toISOString(),
    originalDueAt: new Date(state.originalDueAt).toISOString(),
    isOverdue: isRunning && now.getTime() > state.dueAt,
    isSuspended: state.suspendedSince !== undefined,
    sandbox:
      record.clockOffsetMs === null
        ? null
        : { clockNow: now.toISOString(), clockOffsetMs: record.clockOffsetMs },
    executorId: state.executorId ?? null,
    outcome: state.outcome ?? null,
    endedAt: iso(state.endedAt),
    extensions: state.extensions.map((extension) => ({
      at: new Date(extension.at).toISOString(),
      reason: extension.reason,
      by: extension.by,
    })),
    version: state.version,
    availableCommands: available,
    allowed: conflictDetails(state, available).allowed,
    history: state.history.map((entry) => ({
      sequence: entry.sequence,
      at: new Date(entry.at).toISOString(),
      status: entry.status,
      statusLabel: label(entry.status),
    })),
  };
}

/**
 * An application as `principal` may see it: the current state folded from its log, the
 * commands the principal may give now, the status history, the current step's position,
 * step and total due times and whether they have passed. Another organisation's or another
 * citizen's application is not found (404). The read is audited ('application.read').
 */
export async function getApplicationView(
  services: ApplicationServices,
  principal: Principal,
  applicationId: string,
): Promise<ApplicationView> {
  const loaded = await getApplicationFor(services, principal, applicationId);
  const now = services.now();
  await recordRead(services.db, principal, now, {
    subjectId: loaded.record.id,
    details: { number: loaded.record.number, query: 'by_id' },
  });
  // Dues are compared on the application's own clock (shifted for a sandbox application).
  return viewOf(loaded, principal, loaded.now);
}
