import type { InstantInterval, WorkingTime } from '../calendar/index.js';
import type { Duration } from '../regulation/Duration.js';
import type { Channel } from '../regulation/Channel.js';
import type { ChannelFlow } from '../regulation/ChannelFlow.js';
import type { DecisionQuestion } from '../regulation/DecisionQuestion.js';
import type { EndOutcome } from '../regulation/EndOutcome.js';
import type { RegulationDefinition } from '../regulation/RegulationDefinition.js';
import type { Step } from '../regulation/Step.js';
import type { TotalTerm } from '../regulation/TotalTerm.js';
import { DomainError, ErrorCode } from '../shared/domain-error.js';
import { ActorRole } from '../shared/roles.js';
import type { ApplicationEvent } from './ApplicationEvent.js';
import type { ApplicationStatus } from './ApplicationStatus.js';
import { addRegulationDuration } from './term-arithmetic.js';

/** The working time of the organisations involved: deadlines are counted under their schedules. */
export interface ApplicationClock {
  /** The provider's office schedule, calendar and zone: the total term and provider steps. */
  readonly provider: WorkingTime;
  /** The front office's, for operator and courier steps; the provider's when absent. */
  readonly frontOffice?: WorkingTime;
}

/** The current state of an application: a fold over its action log. Never stored as truth. */
export interface ApplicationState {
  readonly regulationId: string;
  readonly channel: Channel;
  readonly status: ApplicationStatus;
  readonly applicantIin: string;
  readonly representativeIin: string | undefined;
  readonly providerOrganisationId: string;
  readonly frontOfficeId: string | undefined;
  readonly submittedAt: number;
  /** The step waiting to be done; undefined once the process has ended. */
  readonly currentStepId: string | undefined;
  readonly stepStartedAt: number | undefined;
  /** Due instant of the current step, when the regulation gives it a duration. */
  readonly stepDueAt: number | undefined;
  /** Due instant of the whole application under the term, extensions and suspensions. */
  readonly dueAt: number;
  /** The due before any extension. */
  readonly originalDueAt: number;
  readonly extensions: readonly { at: number; reason: string; by: Duration }[];
  readonly suspensions: readonly InstantInterval[];
  /** Start of the suspension in force, if suspended now. */
  readonly suspendedSince: number | undefined;
  readonly executorId: string | undefined;
  readonly facts: Readonly<Partial<Record<DecisionQuestion, boolean>>>;
  readonly outcome: EndOutcome | undefined;
  readonly endedAt: number | undefined;
  readonly questionnaireAnswered: boolean;
  readonly appealIds: readonly string[];
  /** The appeals the provider has decided (a subset of appealIds). */
  readonly decidedAppealIds: readonly string[];
  /**
   * The executor's step the result waiting at a signing step was drafted from (the first of the
   * executor's steps just before it): where the head may return the draft. Undefined otherwise.
   */
  readonly draftedFrom: string | undefined;
  /** The sequence of the last event: the version commands must name. */
  readonly version: number;
  readonly history: readonly { sequence: number; at: number; status: ApplicationStatus }[];
}

const statusOfOutcome = {
  result_issued: 'completed',
  reasoned_refusal_issued: 'refused',
  intake_refused: 'intake_refused',
  request_rejected: 'request_rejected',
} as const satisfies Record<EndOutcome, ApplicationStatus>;

const inconsistent = (detail: string, sequence: number) =>
  new DomainError(ErrorCode.internal, { sequence }, `inconsistent action log: ${detail}`);

/** The flow of `channel` in `regulation`; throws when the regulation does not offer it. */
export function getFlow(regulation: RegulationDefinition, channel: Channel): ChannelFlow {
  const flow = regulation.channels.find((candidate) => candidate.channel === channel);
  if (!flow) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'channel', rule: 'channel_not_offered', params: { channel } }],
    });
  }
  return flow;
}

/** The total term that applies to `channel`. */
export function getTerm(regulation: RegulationDefinition, channel: Channel): TotalTerm {
  const term = regulation.terms.find((candidate) => candidate.channels.includes(channel));
  if (!term) throw new Error(`regulation ${regulation.id} has no term for ${channel}`);
  return term;
}

/** A step of a flow by id; throws when missing (the regulation was validated at load). */
export function getStep(flow: ChannelFlow, stepId: string): Step {
  const step = flow.steps.find((candidate) => candidate.id === stepId);
  if (!step) throw new Error(`step ${stepId} is not in the ${flow.channel} flow`);
  return step;
}

/** The working time under which a step's duration is counted. */
export function workingTimeForStep(step: Step, clock: ApplicationClock): WorkingTime {
  return step.actor === ActorRole.frontOfficeOperator || step.actor === ActorRole.courier
    ? (clock.frontOffice ?? clock.provider)
    : clock.provider;
}

/** Whether some step of the flow is done at a front office (operator or courier steps). */
export function involvesFrontOffice(flow: ChannelFlow): boolean {
  return flow.steps.some(
    (step) => step.actor === ActorRole.frontOfficeOperator || step.actor === ActorRole.courier,
  );
}

/** Which step follows `step` given the answer to its question; undefined at an end. */
export function nextStepId(step: Step, answer: boolean | undefined): string | undefined {
  if (step.decide) return answer ? step.decide.ifYes : step.decide.ifNo;
  return step.next;
}

/** Actions after which a result (or reasoned refusal) waits to be issued or collected. */
const resultWaitingActions: ReadonlySet<Step['action']> = new Set([
  'issue_result',
  'deliver_to_front_office',
  'store_result',
]);

/** The status an application shows while `step` is waiting to be done. */
function statusWhileWaiting(step: Step, current: ApplicationStatus): ApplicationStatus {
  if (resultWaitingActions.has(step.action)) return 'result_ready';
  if (step.action === 'await_applicant_answer') {
    return current === 'place_offered' ? current : 'awaiting_applicant';
  }
  return current;
}

/**
 * Folds an application's action log into its state under the regulation version it follows.
 * Pure and deterministic: the same log, regulation and clock give the same state.
 * @throws DomainError(internal) when the log contradicts the regulation (a corrupted log).
 */
export function foldApplication(
  regulation: RegulationDefinition,
  events: readonly ApplicationEvent[],
  clock: ApplicationClock,
): ApplicationState {
  const [first, ...rest] = events;
  if (!first || first.type !== 'submitted') throw inconsistent('first event is not submitted', 1);
  if (first.regulationId !== regulation.id) throw inconsistent('regulation differs', 1);
  const flow = getFlow(regulation, first.channel);
  const term = getTerm(regulation, first.channel);

  const startStep = getStep(flow, flow.start);
  let state: Mutable<ApplicationState> = {
    regulationId: first.regulationId,
    channel: first.channel,
    status: 'received',
    applicantIin: first.applicantIin,
    representativeIin: first.representativeIin,
    providerOrganisationId: first.providerOrganisationId,
    frontOfficeId: first.frontOfficeId,
    submittedAt: first.at,
    currentStepId: startStep.id,
    stepStartedAt: first.at,
    stepDueAt: undefined,
    dueAt: 0,
    originalDueAt: 0,
    extensions: [],
    suspensions: [],
    suspendedSince: undefined,
    executorId: undefined,
    facts: first.facts,
    outcome: undefined,
    endedAt: undefined,
    questionnaireAnswered: false,
    appealIds: [],
    decidedAppealIds: [],
    draftedFrom: undefined,
    version: first.sequence,
    history: [{ sequence: first.sequence, at: first.at, status: 'received' }],
  };
  state.stepDueAt = stepDue(startStep, first.at, clock);

  for (const event of rest) {
    if (event.sequence !== state.version + 1) throw inconsistent('sequence gap', event.sequence);
    state = { ...state, version: event.sequence };
    const previousStatus = state.status;
    switch (event.type) {
      case 'submitted':
        throw inconsistent('submitted twice', event.sequence);
      case 'step_completed': {
        if (event.stepId !== state.currentStepId)
          throw inconsistent('step out of turn', event.sequence);
        const step = getStep(flow, event.stepId);
        if (step.decide && event.answer === undefined)
          throw inconsistent('missing answer', event.sequence);
        if (step.action === 'assign_executor') state.executorId = event.executorId;
        if (step.actor === ActorRole.executor) state.draftedFrom ??= step.id;
        else if (step.actor !== ActorRole.informationSystem) state.draftedFrom = undefined;
        if (step.decide) state.facts = { ...state.facts, [step.decide.question]: event.answer };
        const following = nextStepId(step, event.answer);
        if (step.status) state.status = step.status;
        if (following === undefined) {
          state.outcome = step.end;
          state.endedAt = event.at;
          state.status = step.status ?? statusOfOutcome[step.end!];
          state.currentStepId = undefined;
          state.stepStartedAt = undefined;
          state.stepDueAt = undefined;
        } else {
          const nextStep = getStep(flow, following);
          state.currentStepId = nextStep.id;
          state.stepStartedAt = event.at;
          state.stepDueAt = stepDue(nextStep, event.at, clock);
          state.status = statusWhileWaiting(nextStep, state.status);
        }
        break;
      }
      case 'term_extended':
        state.extensions = [
          ...state.extensions,
          { at: event.at, reason: event.reason, by: event.by },
        ];
        break;
      case 'suspended':
        state.suspendedSince = event.at;
        state.status = 'suspended';
        break;
      case 'resumed': {
        const since = state.suspendedSince;
        if (since === undefined) throw inconsistent('resumed without suspension', event.sequence);
        state.suspensions = [...state.suspensions, { from: since, to: event.at }];
        state.suspendedSince = undefined;
        state.status = statusBeforeSuspension(state.history);
        if (state.stepDueAt !== undefined && state.currentStepId) {
          const step = getStep(flow, state.currentStepId);
          state.stepDueAt = stepDue(step, state.stepStartedAt!, clock, state.suspensions);
        }
        break;
      }
      case 'handed_back':
        state.status = 'handed_back';
        break;
      case 'appealed':
        state.appealIds = [...state.appealIds, event.appealId];
        break;
      case 'appeal_decided':
        // The decision and its reasoned answer live with the appeal; the process is unchanged.
        state.decidedAppealIds = [...state.decidedAppealIds, event.appealId];
        break;
      case 'draft_returned': {
        const signing = state.currentStepId ? getStep(flow, state.currentStepId) : undefined;
        const target = flow.steps.find((candidate) => candidate.id === event.stepId);
        if (signing?.action !== 'sign_result' || target?.actor !== ActorRole.executor)
          throw inconsistent('draft returned outside a signing step', event.sequence);
        state.currentStepId = target.id;
        state.stepStartedAt = event.at;
        state.stepDueAt = stepDue(target, event.at, clock);
        state.status = statusWhileWaiting(target, state.status);
        state.draftedFrom = undefined;
        break;
      }
      case 'questionnaire_answered':
        state.questionnaireAnswered = true;
        break;
    }
    if (state.status !== previousStatus) {
      state.history = recordStatus(state.history, event, state.status);
    }
  }

  const options = {
    excludeStartDay: !term.countsAcceptanceDay,
    ...(term.afterHoursStartsNextWorkingDay ? { afterHoursCountsFromNextWorkingDay: true } : {}),
    suspensions: state.suspensions,
  };
  state.originalDueAt = addRegulationDuration(
    clock.provider,
    state.submittedAt,
    term.duration,
    options,
  );
  // An extension adds more term to the current due (продление срока), counted like the term.
  state.dueAt = state.extensions.reduce(
    (due, extension) =>
      addRegulationDuration(clock.provider, due, extension.by, {
        afterHoursCountsFromNextWorkingDay: false,
        suspensions: state.suspensions,
      }),
    state.originalDueAt,
  );
  return state;
}

/**
 * Adds a status to the history. Statuses passed through within one instant (a command and the
 * automatic steps it sets off) are not observable: only the last of them is kept, which is
 * also the one the applicant is notified of.
 */
function recordStatus(
  history: ApplicationState['history'],
  event: ApplicationEvent,
  status: ApplicationStatus,
): ApplicationState['history'] {
  const kept = [...history];
  if (kept.length > 1 && kept[kept.length - 1]!.at === event.at) kept.pop();
  if (kept[kept.length - 1]?.status === status) return kept;
  return [...kept, { sequence: event.sequence, at: event.at, status }];
}

function statusBeforeSuspension(
  history: readonly { status: ApplicationStatus }[],
): ApplicationStatus {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const status = history[index]!.status;
    if (status !== 'suspended') return status;
  }
  return 'received';
}

function stepDue(
  step: Step,
  startedAt: number,
  clock: ApplicationClock,
  suspensions: readonly InstantInterval[] = [],
): number | undefined {
  const { amount, unit } = step.duration;
  if (amount === undefined || unit === undefined) return undefined;
  return addRegulationDuration(
    workingTimeForStep(step, clock),
    startedAt,
    { amount, unit },
    {
      afterHoursCountsFromNextWorkingDay: false,
      suspensions,
    },
  );
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
