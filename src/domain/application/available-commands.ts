import { canPerform, type Principal } from '../identity/authorisation.js';
import type { ActionKind } from '../regulation/ActionKind.js';
import type { DecisionQuestion } from '../regulation/DecisionQuestion.js';
import type { RegulationDefinition } from '../regulation/RegulationDefinition.js';
import type { Step } from '../regulation/Step.js';
import { doneBySubmission } from '../regulation/step-completers.js';
import { ActorRole, StaffRole } from '../shared/roles.js';
import { finalStatuses } from './ApplicationStatus.js';
import { getFlow, getStep, getTerm, nextStepId, type ApplicationState } from './fold.js';

/** A command someone may give an application now. */
export type AvailableCommand =
  | {
      readonly kind: 'complete_step';
      readonly stepId: string;
      readonly action: ActionKind;
      readonly actor: ActorRole;
      /** The yes/no question the command must answer, when the step decides. */
      readonly question: DecisionQuestion | undefined;
    }
  | {
      /**
       * A signing step (sign_result): done only by signing the result document or reasoned
       * refusal — prepare the draft, then sign it (prepareResultDocument, then
       * signPreparedDocument); complete_step refuses it.
       */
      readonly kind: 'sign_document';
      readonly stepId: string;
      readonly actor: ActorRole;
    }
  | {
      /**
       * The front-office operator's sign_request step: done only by signing the electronic
       * request with the operator's ЭЦП (signElectronicRequest, which also answers the
       * verify_signature that follows); complete_step refuses it.
       */
      readonly kind: 'sign_request';
      readonly stepId: string;
      readonly actor: ActorRole;
    }
  | { readonly kind: 'extend_term' }
  | { readonly kind: 'suspend' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'appeal' }
  | { readonly kind: 'decide_appeal' }
  | {
      /**
       * The signer returns the draft waiting for their signature to the executor's step it was
       * drafted from (`toStepId`), with a comment (issue 18, point 7).
       */
      readonly kind: 'return_draft';
      readonly stepId: string;
      readonly toStepId: string;
    }
  | { readonly kind: 'answer_questionnaire' };
export type AvailableCommandKind = AvailableCommand['kind'];

/** The organisation-and-applicant view of an application that the authorisation policy needs. */
export function authorisationTarget(state: ApplicationState, regionCode: string) {
  return {
    kind: 'application' as const,
    providerOrganisationId: state.providerOrganisationId,
    ...(state.frontOfficeId ? { frontOfficeOrganisationId: state.frontOfficeId } : {}),
    regionCode,
    applicantIin: state.applicantIin,
    ...(state.representativeIin ? { representativeIin: state.representativeIin } : {}),
  };
}

const isHeadOfProvider = (principal: Principal, state: ApplicationState) =>
  principal.kind === 'staff' &&
  principal.organisationId === state.providerOrganisationId &&
  principal.roles.includes(StaffRole.head);

const isApplicant = (principal: Principal, state: ApplicationState) =>
  principal.kind === 'citizen' &&
  (principal.iin === state.applicantIin || principal.iin === state.representativeIin);

/**
 * What `principal` may do to the application now: the current step when the regulation gives it to
 * the principal's role in the organisation that holds the application (and, after assignment,
 * only to the appointed executor) — a signing step as `sign_document` (the result is signed,
 * never merely marked done), the front-office operator's signature of the electronic request
 * as `sign_request`, any other as `complete_step`; at a signing step, the draft an executor
 * prepared may be returned to them (`return_draft`); extension, suspension and the
 * decision on an appeal to the provider's head; appeal and the questionnaire to the applicant
 * once the process has ended. Nothing else is allowed.
 */
export function listAvailableCommands(
  state: ApplicationState,
  regulation: RegulationDefinition,
  principal: Principal,
  regionCode: string,
): AvailableCommand[] {
  const commands: AvailableCommand[] = [];
  const target = authorisationTarget(state, regionCode);
  const isFinal = finalStatuses.has(state.status);
  if (state.currentStepId && state.suspendedSince === undefined) {
    const step = getStep(getFlow(regulation, state.channel), state.currentStepId);
    const isAllowed = canPerform(
      principal,
      { kind: 'perform_step', actorRole: step.actor },
      target,
    ).isAllowed;
    const isAppointed =
      step.actor !== ActorRole.executor ||
      state.executorId === undefined ||
      (principal.kind === 'staff' && principal.staffId === state.executorId);
    if (isAllowed && isAppointed && step.action === 'sign_result') {
      commands.push({ kind: 'sign_document', stepId: step.id, actor: step.actor });
      // A draft someone else prepared goes back to that executor's step (not one's own).
      if (step.actor !== ActorRole.executor && state.draftedFrom !== undefined) {
        commands.push({ kind: 'return_draft', stepId: step.id, toStepId: state.draftedFrom });
      }
    } else if (isAllowed && isOperatorSigning(step)) {
      commands.push({ kind: 'sign_request', stepId: step.id, actor: step.actor });
    } else if (isAllowed && isAppointed && !isAutomatic(step)) {
      commands.push({
        kind: 'complete_step',
        stepId: step.id,
        action: step.action,
        actor: step.actor,
        question: step.decide?.question,
      });
    }
  }
  if (!isFinal && isHeadOfProvider(principal, state)) {
    if (getTerm(regulation, state.channel).extension.allowed)
      commands.push({ kind: 'extend_term' });
    commands.push({ kind: state.suspendedSince === undefined ? 'suspend' : 'resume' });
  }
  const hasOpenAppeal = state.appealIds.some((id) => !state.decidedAppealIds.includes(id));
  if (hasOpenAppeal && isHeadOfProvider(principal, state)) {
    // Law "On public services", art. 25: the provider reviews a complaint within 5 working days.
    commands.push({ kind: 'decide_appeal' });
  }
  if (state.outcome !== undefined && isApplicant(principal, state)) {
    commands.push({ kind: 'appeal' });
    if (!state.questionnaireAnswered) commands.push({ kind: 'answer_questionnaire' });
  }
  return commands;
}

/**
 * The front-office operator's signature of the electronic request (akimat-2016-54, annex 1, point 9,
 * item 7; akimat-2012-149, annex 2, point 7, item 5): done only with the operator's ЭЦП over the
 * request. The applicant's portal sign_request is automatic (the submission signs it).
 */
export function isOperatorSigning(step: Step): boolean {
  return step.action === 'sign_request' && step.actor === ActorRole.frontOfficeOperator;
}

/**
 * Steps nobody is asked to do: the information system's, and the applicant's that the
 * submission performs. The engine completes them as soon as they come up.
 */
export function isAutomatic(step: Step): boolean {
  if (step.actor === ActorRole.informationSystem) return true;
  return step.actor === ActorRole.applicant && doneBySubmission.has(step.action);
}

/** One automatic completion: which step, and its answer when it decides. */
export interface AutomaticCompletion {
  readonly stepId: string;
  readonly answer: boolean | undefined;
}

/**
 * The automatic steps that follow the current one, in order, answering decisions from the
 * known facts; stops at a step someone must do, at a question whose answer is not known yet
 * (e.g. a vacancy), or at the end.
 */
export function planAutomaticSteps(
  state: ApplicationState,
  regulation: RegulationDefinition,
): AutomaticCompletion[] {
  const flow = getFlow(regulation, state.channel);
  const plan: AutomaticCompletion[] = [];
  const seen = new Set<string>();
  let stepId = state.currentStepId;
  while (stepId && !seen.has(stepId) && state.suspendedSince === undefined) {
    seen.add(stepId);
    const step = getStep(flow, stepId);
    if (!isAutomatic(step)) break;
    const answer = step.decide ? state.facts[step.decide.question] : undefined;
    if (step.decide && answer === undefined) break;
    plan.push({ stepId, answer });
    stepId = nextStepId(step, answer);
  }
  return plan;
}
