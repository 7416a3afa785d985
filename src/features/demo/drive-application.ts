import { finalStatuses } from '../../domain/application/ApplicationStatus.js';
import { getFlow, getStep, type ApplicationState } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { DecisionQuestion } from '../../domain/regulation/DecisionQuestion.js';
import { isOperatorSigning } from '../../domain/application/available-commands.js';
import type { ActorRole } from '../../domain/shared/roles.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { completeStep } from '../applications/complete-step.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { signRequestAtSigningStep, type DemoApplicant } from './sign-request.js';
import {
  draftedOutcomeAt,
  prepareSampleDraft,
  signAtSigningStep,
  type ResultSigning,
} from './sign-result.js';

/** How to move an application along: who does each step, how questions are answered, when to stop. */
export interface DrivePlan {
  /** The principal that does a step of `actor`; undefined stops the drive. */
  readonly principalFor: (actor: ActorRole) => Principal | undefined;
  readonly answer: (question: DecisionQuestion) => boolean;
  /** The executor appointed at assign_executor steps. */
  readonly executorId: string;
  /** Stops before the next step once this holds. */
  readonly isDone: (state: ApplicationState) => boolean;
  /** Prefix of the idempotency keys: the same prefix makes a second drive a no-op. */
  readonly keyPrefix: string;
  /** Called before each step (e.g. to move a manual clock on). */
  readonly beforeStep?: () => void;
  /**
   * How results are signed: the executor prepares the draft at the drafting step and the
   * signer signs it with a real key. Without it the drive stops at a signing step (the engine
   * completes sign_result only with the signed document). The same keys sign the front-office
   * operator's electronic request at its sign_request step.
   */
  readonly signing?: ResultSigning;
  /** The applicant's name and phone for an electronic request the drive prepares. */
  readonly applicant?: DemoApplicant;
}

/**
 * Completes the steps of an application one by one through the engine's own use cases, as the
 * staff and applicants the plan names — `completeStep`, at the result the two-phase
 * signing (the executor's prepared draft, signed with the signer's key), and at the
 * front-office operator's sign_request the electronic request signed with the operator's key —
 * until the plan is done, the process ends, or nobody in the plan can do the current step.
 * Returns the state reached.
 */
export async function driveApplication(
  services: ApplicationServices,
  applicationId: string,
  plan: DrivePlan,
): Promise<ApplicationState> {
  for (let round = 0; round < 100; round += 1) {
    const { state, regulation } = await getApplicationFor(
      services,
      { kind: 'system' },
      applicationId,
    );
    const hasStopped =
      !state.currentStepId || state.suspendedSince !== undefined || finalStatuses.has(state.status);
    if (hasStopped || plan.isDone(state)) return state;
    const flow = getFlow(regulation, state.channel);
    const step = getStep(flow, state.currentStepId);
    const principal = plan.principalFor(step.actor);
    if (!principal) return state;
    const isSigning = step.action === 'sign_result' || isOperatorSigning(step);
    if (isSigning && (!plan.signing || principal.kind !== 'staff')) return state;
    plan.beforeStep?.();
    const answer = step.decide ? plan.answer(step.decide.question) : undefined;
    const idempotencyKey = `${plan.keyPrefix}-v${String(state.version).padStart(3, '0')}`;
    const drafted = plan.signing ? draftedOutcomeAt(step, flow, answer) : undefined;
    try {
      if (isOperatorSigning(step) && plan.signing && principal.kind === 'staff') {
        const signed = await signRequestAtSigningStep(services, plan.signing, principal, {
          applicationId,
          idempotencyKey,
          ...(plan.applicant ? { applicant: plan.applicant } : {}),
        });
        if (!signed) return state;
      } else if (isSigning && plan.signing && principal.kind === 'staff') {
        const signed = await signAtSigningStep(services, plan.signing, principal, {
          applicationId,
          serviceCode: regulation.service,
          step,
          flow,
          idempotencyKey,
        });
        if (!signed) return state;
      } else if (drafted && plan.signing) {
        await prepareSampleDraft(services, plan.signing, principal, {
          applicationId,
          serviceCode: regulation.service,
          outcome: drafted,
          idempotencyKey,
        });
      } else {
        await completeStep(services, principal, {
          idempotencyKey,
          applicationId,
          stepId: step.id,
          ...(answer !== undefined ? { answer } : {}),
          ...(step.action === 'assign_executor' ? { executorId: plan.executorId } : {}),
        });
      }
    } catch (error) {
      throw new Error(
        `${regulation.id} (${state.channel}): step ${step.id} by ${step.actor} failed: ${String(error)}`,
        { cause: error },
      );
    }
  }
  throw new Error(`application ${applicationId} did not settle in 100 steps`);
}
