import type { ChannelFlow } from '../../domain/regulation/ChannelFlow.js';
import type { Step } from '../../domain/regulation/Step.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { ActorRole } from '../../domain/shared/roles.js';
import type { RegistryGateway } from '../../integrations/registries.js';
import {
  findRegistryAdapter,
  registryAdapters,
  type RegistryAdapter,
  type RegistryLookupAnswer,
} from '../../integrations/registry-adapters.js';
import { lookupQueryKey, type PrefetchedLookups } from '../applications/look-up-applicant.js';

/** Who acts while the applicant is still at the operator's desk. */
const atTheDesk: ReadonlySet<string> = new Set([
  ActorRole.applicant,
  ActorRole.frontOfficeOperator,
  ActorRole.informationSystem,
]);

/**
 * The `registry_lookup` steps the operator's intake can reach: from the flow's first step,
 * along every transition, while the applicant is still at the desk (the applicant, the
 * operator, the information system) and before the operator signs the electronic request.
 */
export function intakeLookupSteps(flow: ChannelFlow): Step[] {
  const byId = new Map(flow.steps.map((step) => [step.id, step]));
  const seen = new Set<string>();
  const found: Step[] = [];
  const queue = flow.steps[0] ? [flow.steps[0]] : [];
  while (queue.length > 0) {
    const step = queue.shift()!;
    if (seen.has(step.id)) continue;
    seen.add(step.id);
    if (!atTheDesk.has(step.actor) || step.action === 'sign_request') continue;
    if (step.action === 'registry_lookup' && step.lookup) found.push(step);
    for (const next of [step.next, step.decide?.ifYes, step.decide?.ifNo]) {
      const target = next === undefined ? undefined : byId.get(next);
      if (target) queue.push(target);
    }
  }
  return found;
}

/**
 * Asks the registries of the intake's lookup steps before the application is submitted
 * (issue 16, defect 11): a registry that does not answer then refuses the intake with
 * `intake_registry_unavailable` — retryable, and nothing has been created — instead of
 * leaving an application at the lookup step to go overdue. The answers are handed to
 * `lookUpApplicant`, which records them at the step without asking again.
 */
export async function lookUpBeforeIntake(
  gateway: RegistryGateway,
  flow: ChannelFlow,
  request: {
    readonly applicantIin: string;
    readonly representativeIin?: string;
    readonly powerOfAttorneyNumber?: string;
    /** The intake form's key, for the registry call log. */
    readonly correlationId: string;
  },
  adapters: readonly RegistryAdapter[] = registryAdapters,
): Promise<PrefetchedLookups> {
  const answers = new Map<string, RegistryLookupAnswer>();
  for (const step of intakeLookupSteps(flow)) {
    for (const query of step.lookup ?? []) {
      if (query.subject === 'representative' && request.representativeIin === undefined) continue;
      const key = lookupQueryKey(query);
      if (answers.has(key)) continue;
      const adapter = findRegistryAdapter(query.registry, adapters);
      if (!adapter) {
        throw new DomainError(
          ErrorCode.intakeRegistryUnavailable,
          { system: query.registry, reason: 'unknown_adapter' },
          undefined,
          false,
        );
      }
      try {
        answers.set(
          key,
          await adapter.lookUp(gateway, {
            subject: query.subject,
            facts: query.facts,
            applicantIin: request.applicantIin,
            ...(request.representativeIin ? { representativeIin: request.representativeIin } : {}),
            ...(request.powerOfAttorneyNumber
              ? { powerOfAttorneyNumber: request.powerOfAttorneyNumber }
              : {}),
            context: { correlationId: request.correlationId },
          }),
        );
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.registryUnavailable) {
          throw new DomainError(
            ErrorCode.intakeRegistryUnavailable,
            { ...error.details, nothingCreated: true },
            error.message,
            true,
          );
        }
        throw error;
      }
    }
  }
  return answers;
}
