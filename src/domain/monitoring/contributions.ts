import { elapsedWorkingTime, isoDateFromEpochDay } from '../calendar/index.js';
import { dayIndexOf, type WorkingTime } from '../calendar/working-time.js';
import type { ApplicationEvent } from '../application/ApplicationEvent.js';
import {
  foldApplication,
  getFlow,
  getStep,
  type ApplicationClock,
  type ApplicationState,
} from '../application/fold.js';
import type { RegulationDefinition } from '../regulation/RegulationDefinition.js';
import { slotDetail } from './slot.js';

/**
 * What the quality indicators count (issue 20). Each application contributes counts of these
 * measures to the day (in the provider's time zone) the counted thing happened.
 */
export const Measure = {
  /** An application received (submitted), by its channel. */
  received: 'received',
  /** The process ended with a result or a reasoned refusal (оказано услуг). */
  completed: 'completed',
  /** … and ended no later than its due (the term with extensions and suspensions). */
  completedOnTime: 'completed_on_time',
  /** Refused at intake or rejected before registration; detail: the ground (decision question). */
  intakeRefused: 'intake_refused',
  /** Ended with a reasoned refusal (мотивированный отказ); detail: the ground. */
  reasonedRefusal: 'reasoned_refusal',
  /**
   * The term passed before the end (нарушение срока); detail: the slot (`regulation|step|role`,
   * `slot.ts`) holding it at the due.
   */
  termViolated: 'term_violated',
  /** A step finished after its own duration, or is still open past it; detail: the slot. */
  stepOverdue: 'step_overdue',
  /** The term was extended (продление срока). */
  extended: 'extended',
  /** The service was suspended (приостановление). */
  suspended: 'suspended',
  /** An appeal filed (жалоба). */
  appealed: 'appealed',
  /** An appeal upheld by the provider: a right restored. */
  appealUpheld: 'appeal_upheld',
  /** Questionnaire, question on the process; detail: the answer. */
  questionnaireProcess: 'questionnaire_process',
  /** Questionnaire, question on the information; detail: the answer. */
  questionnaireInformation: 'questionnaire_information',
  /**
   * A completed application's working time from submission to the end, in whole percent of its
   * term's working time (floor; suspensions excluded from both); detail: the percent.
   */
  durationShare: 'duration_share',
} as const;
export type Measure = (typeof Measure)[keyof typeof Measure];
export const measures: readonly Measure[] = Object.values(Measure);

/** One count an application adds: `count` of `measure` (with its detail) on `day`. */
export interface Contribution {
  readonly day: string;
  readonly measure: Measure;
  readonly detail: string;
  readonly count: number;
}

/** The ground recorded when a refusal followed no "no" answer (an end reached directly). */
export const unspecifiedGround = 'unspecified';

/** The local date (YYYY-MM-DD) of an instant in the working time's zone. */
export function localDayOf(time: WorkingTime, instant: number): string {
  return isoDateFromEpochDay(time.firstDay + dayIndexOf(time, instant));
}

/**
 * Everything one application contributes to the indicators, computed from its action log under
 * the regulation version it follows and the working time of its organisations (the project's
 * production calendar). Pure: `now` is passed in. Counts that depend on time passing (a step or
 * the term overdue while still open) are counted as of `now`; the aggregator recomputes an
 * application when its log grows and when the deadline watch marks it overdue.
 */
export function contributionsOf(
  regulation: RegulationDefinition,
  events: readonly ApplicationEvent[],
  clock: ApplicationClock,
  now: number,
): Contribution[] {
  const flow = getFlow(regulation, events[0]?.type === 'submitted' ? events[0].channel : 'portal');
  const zone = clock.provider;
  const out: Contribution[] = [];
  const add = (at: number, measure: Measure, detail = '') =>
    out.push({ day: localDayOf(zone, at), measure, detail, count: 1 });

  // The state after each event: which step was open, until when, and its due.
  const states: ApplicationState[] = [];
  for (let index = 1; index <= events.length; index += 1) {
    states.push(foldApplication(regulation, events.slice(0, index), clock));
  }
  const final = states[states.length - 1]!;
  add(final.submittedAt, Measure.received);

  const roleOf = (stepId: string) => getStep(flow, stepId).actor;
  const slot = (stepId: string) =>
    slotDetail({ regulationId: regulation.id, stepId, role: roleOf(stepId) });

  let ground = unspecifiedGround;
  for (let index = 1; index < events.length; index += 1) {
    const event = events[index]!;
    const before = states[index - 1]!;
    switch (event.type) {
      case 'step_completed': {
        const step = getStep(flow, event.stepId);
        if (step.decide && event.answer === false) ground = step.decide.question;
        if (before.stepDueAt !== undefined && event.at > before.stepDueAt) {
          out.push({
            day: localDayOf(zone, before.stepDueAt),
            measure: Measure.stepOverdue,
            detail: slot(event.stepId),
            count: 1,
          });
        }
        break;
      }
      case 'draft_returned':
        // The head's signing step ends by sending the draft back: late if past its due.
        if (
          before.currentStepId !== undefined &&
          before.stepDueAt !== undefined &&
          event.at > before.stepDueAt
        ) {
          out.push({
            day: localDayOf(zone, before.stepDueAt),
            measure: Measure.stepOverdue,
            detail: slot(before.currentStepId),
            count: 1,
          });
        }
        break;
      case 'term_extended':
        add(event.at, Measure.extended);
        break;
      case 'suspended':
        add(event.at, Measure.suspended);
        break;
      case 'appealed':
        add(event.at, Measure.appealed);
        break;
      case 'appeal_decided':
        if (event.decision === 'upheld') add(event.at, Measure.appealUpheld);
        break;
      case 'questionnaire_answered':
        add(event.at, Measure.questionnaireProcess, event.process);
        add(event.at, Measure.questionnaireInformation, event.information);
        break;
      case 'submitted':
      case 'resumed':
      case 'handed_back':
        break;
    }
  }

  // A step still open past its own due, as of now (not while suspended).
  const isSuspendedNow = final.suspendedSince !== undefined;
  if (
    final.currentStepId !== undefined &&
    final.stepDueAt !== undefined &&
    now > final.stepDueAt &&
    !isSuspendedNow
  ) {
    out.push({
      day: localDayOf(zone, final.stepDueAt),
      measure: Measure.stepOverdue,
      detail: slot(final.currentStepId),
      count: 1,
    });
  }

  const endedAt = final.endedAt;
  const outcome = final.outcome;
  if (endedAt !== undefined && outcome !== undefined) {
    if (outcome === 'intake_refused' || outcome === 'request_rejected') {
      add(endedAt, Measure.intakeRefused, ground);
    } else {
      add(endedAt, Measure.completed);
      if (endedAt <= final.dueAt) add(endedAt, Measure.completedOnTime);
      if (outcome === 'reasoned_refusal_issued') add(endedAt, Measure.reasonedRefusal, ground);
      add(endedAt, Measure.durationShare, String(durationSharePercent(final, zone, endedAt)));
    }
  }

  // The term violated: ended after the due, or still open past it as of now.
  const isViolated =
    endedAt !== undefined ? endedAt > final.dueAt : now > final.dueAt && !isSuspendedNow;
  if (isViolated) {
    const holding = stepOpenAt(events, states, final.dueAt);
    out.push({
      day: localDayOf(zone, final.dueAt),
      measure: Measure.termViolated,
      detail: holding === undefined ? unspecifiedGround : slot(holding),
      count: 1,
    });
  }
  return out;
}

/** Working time used, in whole percent (floor) of the term's working time. */
function durationSharePercent(state: ApplicationState, zone: WorkingTime, endedAt: number): number {
  const used = elapsedWorkingTime(zone, state.submittedAt, endedAt, state.suspensions);
  const term = elapsedWorkingTime(zone, state.submittedAt, state.dueAt, state.suspensions);
  if (term <= 0) return used <= 0 ? 0 : 100;
  return Math.max(0, Math.floor((used * 100) / term));
}

/** The step that was open at `instant`: the state after the last event at or before it. */
function stepOpenAt(
  events: readonly ApplicationEvent[],
  states: readonly ApplicationState[],
  instant: number,
): string | undefined {
  let found: string | undefined;
  for (let index = 0; index < events.length; index += 1) {
    if (events[index]!.at > instant) break;
    found = states[index]!.currentStepId;
  }
  return found;
}

/** Adds `sign` times each contribution into a map keyed by day, measure and detail. */
export function addContributions(
  into: Map<string, number>,
  contributions: readonly Contribution[],
  sign: 1 | -1,
): void {
  for (const item of contributions) {
    const key = `${item.day}\u0000${item.measure}\u0000${item.detail}`;
    into.set(key, (into.get(key) ?? 0) + sign * item.count);
  }
}
