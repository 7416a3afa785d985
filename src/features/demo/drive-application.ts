import { finalStatuses } from '../../domain/application/ApplicationStatus.js';
import { getFlow, getStep, type ApplicationState } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { DecisionQuestion } from '../../domain/regulation/DecisionQuestion.js';
import type { ActorRole } from '../../domain/shared/roles.js';
import type { ApplicationServices } from '../applications/application-services.js';
import { completeStep } from '../applications/complete-step.js';
import { getApplicationFor } from '../applications/load-application.js';

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
}

/**
 * Completes the steps of an application one by one through the engine's own `completeStep`,
 * as the staff and applicants the plan names, until the plan is done, the process ends, or
 * nobody in the plan can do the current step. Returns the state reached.
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
    const step = getStep(getFlow(regulation, state.channel), state.currentStepId);
    const principal = plan.principalFor(step.actor);
    if (!principal) return state;
    plan.beforeStep?.();
    const input = {
      idempotencyKey: `${plan.keyPrefix}-v${String(state.version).padStart(3, '0')}`,
      applicationId,
      stepId: step.id,
      ...(step.decide ? { answer: plan.answer(step.decide.question) } : {}),
      ...(step.action === 'assign_executor' ? { executorId: plan.executorId } : {}),
    };
    try {
      await completeStep(services, principal, input);
    } catch (error) {
      throw new Error(
        `${regulation.id} (${state.channel}): step ${step.id} by ${step.actor} failed: ${String(error)}`,
        { cause: error },
      );
    }
  }
  throw new Error(`application ${applicationId} did not settle in 100 steps`);
}
