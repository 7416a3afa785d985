import type { LoadedApplication } from './load-application.js';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  ApplicationEvent,
  ApplicationEventPayload,
  EventActor,
} from '../domain/application/ApplicationEvent.js';
import { applicationStatusLabels } from '../domain/application/ApplicationStatus.js';
import { planAutomaticSteps } from '../domain/application/available-commands.js';
import {
  foldApplication,
  getFlow,
  getStep,
  type ApplicationClock,
  type ApplicationState,
} from '../domain/application/fold.js';
import type { RegulationDefinition } from '../domain/regulation/RegulationDefinition.js';
import { formatLocalDateTime } from '../domain/calendar/index.js';
import { ActorRole } from '../domain/shared/roles.js';
import type {
  ApplicationProjection,
  NewApplication,
  NewCommandReceipt,
} from '../storage/application.repository.js';
import type { AuditActor } from '../storage/audit.repository.js';
import type { Database } from '../storage/db.js';
import { writeEngineChanges, type EngineWrite } from '../storage/engine-write.repository.js';
import type { Tables } from '../storage/schema.js';

/** The application being changed, as the engine needs it. */
export interface EngineTarget {
  readonly id: string;
  readonly number: string;
  readonly regulation: RegulationDefinition;
  readonly clock: ApplicationClock;
  /** The log so far (empty for a new application). */
  readonly events: readonly ApplicationEvent[];
  /** The fold of `events` when the caller has it already (saves folding again). */
  readonly state?: ApplicationState;
  /** A new application's row (its projection comes from the fold): inserted, not updated. */
  readonly newApplication?: Omit<NewApplication, keyof ApplicationProjection>;
  /**
   * A sandbox application's clock offset (docs/sandbox.md): `now` given to recordEvents is on
   * the application's clock; the log's `recorded_at`, audit rows and notifications keep the
   * real time (now − offset).
   */
  readonly clockOffsetMs?: number | null;
}

/** The engine target of an application loaded for a command (its log and fold already read). */
export function engineTargetOf(loaded: LoadedApplication): EngineTarget {
  return {
    id: loaded.record.id,
    number: loaded.record.number,
    regulation: loaded.regulation,
    clock: loaded.clock,
    events: loaded.events,
    state: loaded.state,
    clockOffsetMs: loaded.record.clockOffsetMs,
  };
}

const systemActor: EventActor = { kind: 'system', process: 'engine' };

export function auditActorOf(actor: EventActor): AuditActor {
  switch (actor.kind) {
    case 'citizen':
      return { kind: 'citizen', id: actor.iin };
    case 'staff':
      return { kind: 'staff', id: actor.userId };
    case 'system':
      return { kind: 'system', id: actor.process };
  }
}

/**
 * The heart of the engine: appends `payloads` by `actor` to the log, then completes the
 * automatic steps that follow (information-system steps, answered from known facts), folds
 * the log, and writes — as one statement, inside the caller's transaction or (for a command
 * that is only this statement, with `receiptOf`) on its own — the projection
 * (refusing if someone else advanced the application first), the log entries, one audit row
 * per event, and a notification on every status change and extension.
 */
export async function recordEvents(
  trx: Database | Transaction<Tables>,
  target: EngineTarget,
  actor: EventActor,
  payloads: readonly ApplicationEventPayload[],
  now: Date,
  options: {
    /** The command's receipt for the resulting state, written in the same statement. */
    receiptOf?: (state: ApplicationState) => NewCommandReceipt;
    /**
     * Events another actor records right after `payloads`, before the automatic steps: e.g.
     * the information system's answer to verify_signature from the real verification of the
     * signature the operator just made (sign-electronic-request.ts).
     */
    followedBy?: { actor: EventActor; payloads: readonly ApplicationEventPayload[] };
  } = {},
): Promise<ApplicationState> {
  const at = now.getTime();
  // `now` is the application's clock; what is recorded about the recording is real time.
  const realNow = target.clockOffsetMs ? new Date(at - target.clockOffsetMs) : now;
  const events = [...target.events];
  const appended: ApplicationEvent[] = [];
  const push = (payload: ApplicationEventPayload, by: EventActor) => {
    const event = { ...payload, sequence: events.length + 1, at, actor: by } as ApplicationEvent;
    events.push(event);
    appended.push(event);
  };
  for (const payload of payloads) push(payload, actor);
  for (const payload of options.followedBy?.payloads ?? [])
    push(payload, options.followedBy!.actor);
  const requested = appended.length;
  let state = foldApplication(target.regulation, events, target.clock);
  for (const completion of planAutomaticSteps(state, target.regulation)) {
    push(
      {
        type: 'step_completed',
        stepId: completion.stepId,
        ...(completion.answer !== undefined ? { answer: completion.answer } : {}),
        documentIds: [],
      },
      systemActor,
    );
  }
  if (appended.length > requested) state = foldApplication(target.regulation, events, target.clock);
  const before =
    target.events.length === 0
      ? undefined
      : (target.state ?? foldApplication(target.regulation, target.events, target.clock));

  await writeEngineChanges(trx, {
    applicationId: target.id,
    ...(target.newApplication ? { newApplication: target.newApplication } : {}),
    expectedVersion: target.events.length,
    projection: projectionOf(state, target.regulation, now),
    events: appended,
    recordedAt: realNow,
    notifications: notificationsOf(target, before, state, appended, realNow),
    // Unchained rows, no lock: the sealer chains them after commit.
    audit: appended.map(({ sequence, at: _at, actor: by, ...payload }) => ({
      occurredAt: realNow,
      actor: auditActorOf(by),
      action: `application.${payload.type}`,
      subjectType: 'application',
      subjectId: target.id,
      details: { number: target.number, sequence, ...payload },
    })),
    ...(options.receiptOf ? { receipt: options.receiptOf(state) } : {}),
  });
  return state;
}

/** The projection row of a state. */
export function projectionOf(
  state: ApplicationState,
  regulation: RegulationDefinition,
  now: Date,
): ApplicationProjection {
  const step = state.currentStepId
    ? getStep(getFlow(regulation, state.channel), state.currentStepId)
    : undefined;
  const atFrontOffice =
    step && (step.actor === ActorRole.frontOfficeOperator || step.actor === ActorRole.courier);
  return {
    holderOrganisationId:
      atFrontOffice && state.frontOfficeId ? state.frontOfficeId : state.providerOrganisationId,
    status: state.status,
    currentStepId: state.currentStepId ?? null,
    currentActor: step?.actor ?? null,
    executorId: state.executorId ?? null,
    stepDueAt: state.stepDueAt !== undefined ? new Date(state.stepDueAt) : null,
    dueAt: new Date(state.dueAt),
    endedAt: state.endedAt !== undefined ? new Date(state.endedAt) : null,
    version: state.version,
    updatedAt: now,
  };
}

/**
 * "Уведомления поставляются по мере изменения статуса исполнения заявления, либо в случае
 * продления срока оказания услуги" (seed 003): one notification per status change and per
 * extension, to the applicant (and the representative), each with an SMS when the recipient
 * has a citizen account (its phone).
 */
function notificationsOf(
  target: EngineTarget,
  before: ApplicationState | undefined,
  after: ApplicationState,
  appended: readonly ApplicationEvent[],
  now: Date,
): EngineWrite['notifications'] {
  const messages: { kind: string; text: Record<'kk' | 'ru' | 'en', string> }[] = [];
  if (before?.status !== after.status) {
    const label = applicationStatusLabels[after.status];
    messages.push({
      kind: 'status_changed',
      text: {
        kk: `№${target.number} өтініш: ${label.kk}.`,
        ru: `Заявление №${target.number}: ${label.ru}.`,
        en: `Application ${target.number}: ${label.en}.`,
      },
    });
  }
  for (const event of appended) {
    if (event.type !== 'term_extended') continue;
    // The new due as the engine counted it: the provider's wall clock (its organisation's zone).
    const due = formatLocalDateTime(new Date(after.dueAt), target.clock.provider.timeZone);
    messages.push({
      kind: 'term_extended',
      text: {
        kk: `№${target.number} өтініштің қарау мерзімі ${due} дейін ұзартылды. Себебі: ${event.reason}`,
        ru: `Срок оказания услуги по заявлению №${target.number} продлен до ${due}. Причина: ${event.reason}`,
        en: `The term of application ${target.number} was extended to ${due}. Reason: ${event.reason}`,
      },
    });
  }
  for (const event of appended) {
    if (event.type !== 'appeal_decided') continue;
    const upheld = event.decision === 'upheld';
    messages.push({
      kind: 'appeal_decided',
      text: {
        kk: `№${target.number} өтініш бойынша шағым ${upheld ? 'қанағаттандырылды' : 'қабылданбады'}. Жауап жеке кабинетте.`,
        ru: `Жалоба по заявлению №${target.number} ${upheld ? 'удовлетворена' : 'отклонена'}. Ответ в личном кабинете.`,
        en: `The appeal on application ${target.number} was ${upheld ? 'upheld' : 'rejected'}. The answer is in the personal cabinet.`,
      },
    });
  }
  const recipients = [
    after.applicantIin,
    ...(after.representativeIin ? [after.representativeIin] : []),
  ];
  return recipients.flatMap((recipientIin) =>
    messages.map((message) => ({
      notification: {
        id: randomUUID(),
        applicationId: target.id,
        recipientIin,
        kind: message.kind,
        status: after.status,
        message: message.text,
        createdAt: now,
      },
      smsBody: `${message.text.kk}\n${message.text.ru}`,
    })),
  );
}
