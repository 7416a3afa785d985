import type { ChannelFlow } from '../regulation/ChannelFlow.js';
import type { Step } from '../regulation/Step.js';
import { ActorRole } from '../shared/roles.js';
import type { ApplicationEventPayload } from './ApplicationEvent.js';
import { getStep, nextStepId } from './fold.js';

/**
 * The drafting rules of the two-phase signing (pure): which outcome an executor's step may
 * draft, what a signing step signs, and the step payloads a draft completes.
 */

/** What the executor drafts: the service's result or a reasoned refusal. */
export const DraftOutcome = { result: 'result', reasonedRefusal: 'reasoned_refusal' } as const;
export type DraftOutcome = (typeof DraftOutcome)[keyof typeof DraftOutcome];

const isExecutorStep = (step: Step) => step.actor === ActorRole.executor;

/** Whether `stepId` is a signing step, or the executor's drafting step right before one. */
function leadsToSigning(
  flow: ChannelFlow,
  stepId: string | undefined,
  draftAction: string,
): boolean {
  const step = stepId ? getStep(flow, stepId) : undefined;
  if (!step) return false;
  if (step.action === 'sign_result') return true;
  return (
    isExecutorStep(step) &&
    step.action === draftAction &&
    getStep(flow, nextStepId(step, undefined) ?? step.id).action === 'sign_result'
  );
}

const draftActionOf = (outcome: DraftOutcome) =>
  outcome === DraftOutcome.result ? 'draft_result' : 'draft_refusal';

/**
 * What a signing step signs: the reasoned refusal when it follows the refusal's drafting step
 * or a question's "no", the service's result otherwise (e.g. after a commission's "yes").
 */
export function signedOutcome(step: Step, flow: ChannelFlow): DraftOutcome {
  const isRefusal = flow.steps.some(
    (before) =>
      (before.next === step.id && before.action === 'draft_refusal') ||
      before.decide?.ifNo === step.id,
  );
  return isRefusal ? DraftOutcome.reasonedRefusal : DraftOutcome.result;
}

/**
 * What the executor may draft at `step`: a drafting step drafts its own outcome; a review
 * that decides drafts the result when its "yes" leads to the signature, the refusal when its
 * "no" does (documents_compliant, decision_positive…); a signing step the executor signs
 * drafts what it signs — the executor forms the output document and signs it, e.g. after the
 * commission's conclusion (seed 003, annex 4 (its annex 2), table 1, actions 4 and 8).
 */
export function draftableOutcomes(step: Step, flow: ChannelFlow): DraftOutcome[] {
  if (!isExecutorStep(step)) return [];
  if (step.action === 'sign_result') return [signedOutcome(step, flow)];
  return Object.values(DraftOutcome).filter((outcome) =>
    step.action === draftActionOf(outcome)
      ? true
      : step.action === 'review' &&
        step.decide !== undefined &&
        leadsToSigning(
          flow,
          nextStepId(step, outcome === DraftOutcome.result),
          draftActionOf(outcome),
        ),
  );
}

/**
 * The executor's step payloads for an outcome, from the current step: a review answers its
 * question (yes for the result, no for a refusal) and the drafting step that follows is done
 * with it; a drafting step (draft_result / draft_refusal) is completed. Undefined when the
 * current step does not draft this outcome; empty at the executor's own signing step (the
 * step is done when the document is signed).
 */
export function draftingPayloads(
  step: Step,
  flow: ChannelFlow,
  outcome: DraftOutcome,
  note: string | undefined,
): ApplicationEventPayload[] | undefined {
  if (!draftableOutcomes(step, flow).includes(outcome)) return undefined;
  if (step.action === 'sign_result') return [];
  const draftAction = draftActionOf(outcome);
  const done = (stepId: string, answer?: boolean): ApplicationEventPayload => ({
    type: 'step_completed',
    stepId,
    ...(answer !== undefined ? { answer } : {}),
    ...(note ? { note } : {}),
    documentIds: [],
  });
  if (step.action === draftAction) return [done(step.id)];
  const answer = outcome === DraftOutcome.result;
  const payloads = [done(step.id, answer)];
  const followingId = nextStepId(step, answer);
  const following = followingId ? getStep(flow, followingId) : undefined;
  if (following && isExecutorStep(following) && following.action === draftAction) {
    payloads.push(done(following.id));
  }
  return payloads;
}
