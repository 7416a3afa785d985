import type { ActionKind } from './ActionKind.js';
import type { ChannelFlow } from './ChannelFlow.js';
import type { DecisionQuestion } from './DecisionQuestion.js';
import { successors } from './flow-graph.js';
import type { Step } from './Step.js';
import { ActorRole, staffRoleForActor, type StaffRole } from '../shared/roles.js';

/**
 * Applicant actions that the submission itself performs (the form, login, signature, consent):
 * the engine completes such steps as soon as they come up (see isAutomatic in
 * src/domain/application/available-commands.ts).
 */
export const doneBySubmission: ReadonlySet<ActionKind> = new Set([
  'submit',
  'authenticate',
  'sign_request',
  'obtain_consent',
]);

/**
 * The facts every submission establishes: whoever submits is signed in and has signed the
 * request (the citizen on the portal, the operator or registry office with their ЭЦП), so
 * conditions 1 and 2 of the sources are answered yes at submission.
 */
export const factsKnownAtSubmission = {
  credentials_valid: true,
  signature_valid: true,
} as const satisfies Partial<Record<DecisionQuestion, boolean>>;

/**
 * Who completes a step, as the engine runs it:
 * - staff: a staff role, through the commands listAvailableCommands offers (complete_step,
 *   sign_document, sign_request; courier registers complete the courier's steps);
 * - applicant: the applicant's own command (e.g. the answer to a kindergarten offer);
 * - submission: done by the submission itself (the form, login, signature, consent);
 * - system: an information-system step with no question, completed as soon as it comes up;
 * - known_fact: an automatic step whose question is already answered on every path to it;
 * - registry_lookup: the named registry adapters' answer (lookUpApplicant);
 * - vacancy_declaration: the kindergarten queue's vacancy declaration (place_available).
 */
export type StepCompleter =
  | { readonly kind: 'staff'; readonly role: StaffRole }
  | { readonly kind: 'applicant' }
  | { readonly kind: 'submission' }
  | { readonly kind: 'system' }
  | { readonly kind: 'known_fact'; readonly question: DecisionQuestion }
  | { readonly kind: 'registry_lookup' }
  | { readonly kind: 'vacancy_declaration' };

/** A step nobody can complete, and why. */
export interface StalledStep {
  readonly step: Step;
  readonly reason: string;
}

/**
 * The questions answered on every path from the start to each step (before the step runs):
 * the submission's facts, plus the question of every deciding step that lies on all paths.
 */
export function questionsKnownBefore(flow: ChannelFlow): Map<string, Set<DecisionQuestion>> {
  const all = new Set<DecisionQuestion>(
    flow.steps.flatMap((step) => (step.decide ? [step.decide.question] : [])),
  );
  for (const question of Object.keys(factsKnownAtSubmission)) all.add(question as DecisionQuestion);
  const atSubmission = new Set(Object.keys(factsKnownAtSubmission) as DecisionQuestion[]);
  const predecessors = new Map<string, Step[]>(flow.steps.map((step) => [step.id, []]));
  for (const step of flow.steps) {
    for (const id of successors(step)) predecessors.get(id)?.push(step);
  }
  const known = new Map<string, Set<DecisionQuestion>>(
    flow.steps.map((step) => [step.id, step.id === flow.start ? atSubmission : new Set(all)]),
  );
  let changed = true;
  while (changed) {
    changed = false;
    for (const step of flow.steps) {
      const incoming = (predecessors.get(step.id) ?? []).map((previous) => {
        const after = new Set(known.get(previous.id));
        if (previous.decide) after.add(previous.decide.question);
        return after;
      });
      if (step.id === flow.start) incoming.push(atSubmission);
      if (incoming.length === 0) continue;
      const meet = new Set(
        [...incoming[0]!].filter((question) => incoming.every((set) => set.has(question))),
      );
      const before = known.get(step.id)!;
      if (meet.size !== before.size || [...meet].some((question) => !before.has(question))) {
        known.set(step.id, meet);
        changed = true;
      }
    }
  }
  return known;
}

/**
 * Who completes `step` of `flow`, or why nobody does. `knownBefore` is what
 * {@link questionsKnownBefore} computed for the flow.
 */
export function findStepCompleter(
  flow: ChannelFlow,
  step: Step,
  knownBefore: ReadonlySet<DecisionQuestion>,
): StepCompleter | { readonly kind: 'nobody'; readonly reason: string } {
  const role = staffRoleForActor(step.actor);
  if (role) return { kind: 'staff', role };
  const question = step.decide?.question;
  if (step.actor === ActorRole.applicant) {
    if (!doneBySubmission.has(step.action)) return { kind: 'applicant' };
    if (question === undefined) return { kind: 'submission' };
    if (knownBefore.has(question)) return { kind: 'known_fact', question };
    return {
      kind: 'nobody',
      reason: `the submission performs the applicant's ${step.action} but does not answer "${question}", and no earlier step on every path does`,
    };
  }
  // The information system: automatic.
  if (step.action === 'registry_lookup') {
    if (!step.lookup || !question) {
      return {
        kind: 'nobody',
        reason:
          'a registry lookup must name its registries (lookup) and decide whether they found the data',
      };
    }
    // Only the front-office intake asks the registries for the system today (take-application).
    if (flow.channel !== 'front_office') {
      return {
        kind: 'nobody',
        reason: `no process asks the registries for the information system in the ${flow.channel} channel (only the front-office intake does)`,
      };
    }
    return { kind: 'registry_lookup' };
  }
  if (question === undefined) return { kind: 'system' };
  if (knownBefore.has(question)) return { kind: 'known_fact', question };
  if (question === 'place_available') return { kind: 'vacancy_declaration' };
  return {
    kind: 'nobody',
    reason: `the information system cannot answer "${question}": no registry lookup, job or earlier step on every path answers it`,
  };
}

/** The steps of a flow that no actor, system answer, job or register can complete. */
export function findStalledSteps(flow: ChannelFlow): StalledStep[] {
  const known = questionsKnownBefore(flow);
  return flow.steps.flatMap((step) => {
    const completer = findStepCompleter(flow, step, known.get(step.id) ?? new Set());
    return completer.kind === 'nobody' ? [{ step, reason: completer.reason }] : [];
  });
}
