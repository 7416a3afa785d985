import { z } from 'zod';
import type { RegistryLookupRecord } from '../../domain/application/ApplicationEvent.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import type { RegistryGateway } from '../../integrations/registries.js';
import {
  findRegistryAdapter,
  registryAdapters,
  type RegistryAdapter,
  type RegistryLookupAnswer,
} from '../../integrations/registry-adapters.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { completeStep } from './complete-step.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { recordSystemAnswer } from './record-system-answer.js';

export const LookUpApplicantInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    /** Number of the notarised power of attorney, when a representative applies (ЕНИС). */
    powerOfAttorneyNumber: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/** One named registry's answer at a lookup step. */
export interface RegistryLookupResult {
  readonly registry: string;
  readonly subject: 'applicant' | 'representative';
  readonly answer: RegistryLookupAnswer;
}

/**
 * Answers obtained before the application existed (the front office asks the registries
 * before submitting, so that a registry that does not answer leaves nothing behind), keyed by
 * `lookupQueryKey`. A query found here is not asked again.
 */
export type PrefetchedLookups = ReadonlyMap<string, RegistryLookupAnswer>;

/** The key of one query of a lookup step: registry, subject and facts. */
export function lookupQueryKey(query: {
  readonly registry: string;
  readonly subject: string;
  readonly facts: readonly string[];
}): string {
  return `${query.registry}|${query.subject}|${[...query.facts].sort().join(',')}`;
}

/** What the lookup found: every query's answer, and the message when something was not found. */
export interface LookupOutcome {
  readonly isFound: boolean;
  readonly results: readonly RegistryLookupResult[];
  /** The first not-found answer's message («Невозможно получить данные», …). */
  readonly message?: LocalizedText;
}

/**
 * The system answer of a `registry_lookup` step (000/004 front office: «запрос через ШЭП в
 * ГБД ФЛ … и в ЕНИС»): calls each registry adapter the definition names (`lookup`), about the
 * applicant or — only when one applies — the representative, for the facts it lists. The step
 * is answered "found" when every query found its record and facts, else the prescribed
 * «невозможно получить данные» branch; the event records which registry answered which facts.
 * Completed by the operator when the step is theirs, by the system otherwise. The gateway is
 * called outside any transaction; when a registry does not answer, the error is retryable and
 * the application stays where it was.
 */
export async function lookUpApplicant(
  services: ApplicationServices,
  gateway: RegistryGateway,
  principal: Principal,
  rawInput: z.input<typeof LookUpApplicantInput>,
  adapters: readonly RegistryAdapter[] = registryAdapters,
  prefetched: PrefetchedLookups = new Map(),
): Promise<{ lookup: LookupOutcome; status: string | number | null }> {
  const input = parseInput(LookUpApplicantInput, rawInput);
  const { state, regulation, events } = await getApplicationFor(
    services,
    principal,
    input.applicationId,
  );
  const step = state.currentStepId
    ? getStep(getFlow(regulation, state.channel), state.currentStepId)
    : undefined;
  if (!step || step.action !== 'registry_lookup' || !step.lookup || !step.decide) {
    throw new DomainError(ErrorCode.conflict, {
      status: state.status,
      currentStepId: state.currentStepId ?? null,
      reason: 'no_registry_lookup_waiting',
    });
  }
  const submitted = events[0]!.type === 'submitted' ? events[0] : undefined;
  const powerOfAttorneyNumber =
    input.powerOfAttorneyNumber ?? submitted?.fields['power-of-attorney-number'];
  const results: RegistryLookupResult[] = [];
  for (const query of step.lookup) {
    if (query.subject === 'representative' && state.representativeIin === undefined) continue;
    const known = prefetched.get(lookupQueryKey(query));
    if (known) {
      results.push({ registry: query.registry, subject: query.subject, answer: known });
      continue;
    }
    const adapter = findRegistryAdapter(query.registry, adapters);
    // `regulations check` refuses a definition naming an unknown adapter; a server started
    // with such a file must still not answer the step.
    if (!adapter) {
      throw new DomainError('registry_unavailable', {
        system: query.registry,
        reason: 'unknown_adapter',
      });
    }
    const answer = await adapter.lookUp(gateway, {
      subject: query.subject,
      facts: query.facts,
      applicantIin: state.applicantIin,
      ...(state.representativeIin ? { representativeIin: state.representativeIin } : {}),
      ...(powerOfAttorneyNumber ? { powerOfAttorneyNumber } : {}),
      context: { correlationId: input.applicationId },
    });
    results.push({ registry: query.registry, subject: query.subject, answer });
  }
  const missing = results.find((result) => result.answer.status === 'not_found')?.answer;
  const lookup: LookupOutcome = {
    isFound: missing === undefined,
    results,
    ...(missing?.status === 'not_found' ? { message: missing.message } : {}),
  };
  const recorded: RegistryLookupRecord[] = results.map(({ registry, subject, answer }) =>
    answer.status === 'found'
      ? { registry, subject, found: true, facts: Object.keys(answer.facts) }
      : { registry, subject, found: false, facts: [], reason: answer.reason },
  );
  const result =
    step.actor === 'information_system'
      ? await recordSystemAnswer(
          services,
          { kind: 'system' },
          {
            idempotencyKey: input.idempotencyKey,
            applicationId: input.applicationId,
            question: step.decide.question,
            answer: lookup.isFound,
            source: 'registry-gateway',
            lookup: recorded,
          },
        )
      : await completeStep(
          services,
          principal,
          {
            idempotencyKey: input.idempotencyKey,
            applicationId: input.applicationId,
            stepId: step.id,
            answer: lookup.isFound,
          },
          { lookup: recorded },
        );
  return { lookup, status: result.status ?? null };
}
