import type { ChannelFlow } from '../regulation/ChannelFlow.js';
import type { Step } from '../regulation/Step.js';
import { ActorRole } from '../shared/roles.js';
import { getStep } from './fold.js';

/**
 * The moments of a courier register that complete the regulation's steps (issue 9; digest,
 * "Front office flow"): the courier compiles a register of packages for a provider, the
 * provider acknowledges their delivery; the courier brings results back in a return register,
 * the front office acknowledges their arrival.
 */
export const RegisterMoment = {
  compiled: 'compiled',
  delivered: 'delivered',
  returned: 'returned',
  received: 'received',
} as const;
export type RegisterMoment = (typeof RegisterMoment)[keyof typeof RegisterMoment];

/** Who the engine records as having done a step completed by a register. */
export const RegisterStepActor = {
  /** The courier who compiled the register (the step's actor is the courier). */
  courier: 'courier',
  /** The front-office operator who acknowledged the returned results. */
  receiver: 'receiver',
  /** The provider's sending step, established by the register's arrival: recorded as the system. */
  system: 'system',
} as const;
export type RegisterStepActor = (typeof RegisterStepActor)[keyof typeof RegisterStepActor];

/** A package waits for the courier: its current step is the courier's. */
export function isCourierStep(step: Step): boolean {
  return step.actor === ActorRole.courier;
}

/**
 * A signed result waits to be sent to the front office by a person of the provider
 * (`deliver_to_front_office` of the registry office or executor; the information system's
 * electronic delivery, e.g. South Kazakhstan's, is automatic and never travels in a register).
 */
export function isReturnStep(step: Step): boolean {
  return (
    step.action === 'deliver_to_front_office' &&
    step.actor !== ActorRole.informationSystem &&
    step.decide === undefined
  );
}

/** The engine's actor for a step completed by a register. */
export function registerStepActor(step: Step): RegisterStepActor {
  if (isCourierStep(step)) return RegisterStepActor.courier;
  if (step.actor === ActorRole.frontOfficeOperator) return RegisterStepActor.receiver;
  return RegisterStepActor.system;
}

/**
 * The steps a register moment completes, in order, starting at the application's current step:
 *
 * - compiled: a `compile_register` step of the courier, but only when a courier's step still
 *   follows it (the delivery is a step of its own). Where the regulation's one courier step
 *   both compiles and delivers — Aktobe's extern permission, akimat-2015-232, point 6, item 4:
 *   «составляет реестр и в течение 1 (одного) дня через курьера направляет документы в
 *   канцелярию услугодателя» — it ends with the delivery, not with the register.
 * - delivered: every courier step up to the provider's first step (Kostanay's extern permission,
 *   akimat-2016-285, annex 1, point 6, item 4: result «Пакет доставлен услугодателю»).
 * - returned: none — the provider's step «направляет результат в Государственную корпорацию»
 *   has the result «Результат в Государственной корпорации» (e.g. akimat-2016-285, point 6, item 5),
 *   reached when the results arrive.
 * - received: the provider's `deliver_to_front_office`, then a `store_result` step of the front
 *   office when the regulation has one (storage then starts from the engine's next step).
 */
export function stepsCompletedAt(
  moment: RegisterMoment,
  flow: ChannelFlow,
  currentStepId: string | undefined,
): Step[] {
  if (!currentStepId) return [];
  const current = getStep(flow, currentStepId);
  const following = (step: Step) => (step.next ? getStep(flow, step.next) : undefined);
  switch (moment) {
    case RegisterMoment.compiled: {
      const next = following(current);
      return current.action === 'compile_register' &&
        isCourierStep(current) &&
        next !== undefined &&
        isCourierStep(next)
        ? [current]
        : [];
    }
    case RegisterMoment.delivered: {
      const steps: Step[] = [];
      for (
        let step: Step | undefined = current;
        step && isCourierStep(step) && !step.decide && !steps.includes(step);
        step = following(step)
      )
        steps.push(step);
      return steps;
    }
    case RegisterMoment.returned:
      return [];
    case RegisterMoment.received: {
      if (!isReturnStep(current)) return [];
      const next = following(current);
      return next?.action === 'store_result' && !next.decide && !isReturnStep(next)
        ? [current, next]
        : [current];
    }
  }
}
