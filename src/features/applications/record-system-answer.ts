import { z } from 'zod';
import { RegistryLookupRecord } from '../../domain/application/ApplicationEvent.js';
import { isAutomatic } from '../../domain/application/available-commands.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DecisionQuestion } from '../../domain/regulation/DecisionQuestion.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { conflictDetails } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';

export const RecordSystemAnswerInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    question: DecisionQuestion,
    answer: z.boolean(),
    /** Which process answered: the registry gateway, the kindergarten allocation run… */
    source: z.string().min(1).max(100),
    /** A registry lookup step: what each named registry answered. */
    lookup: z.array(RegistryLookupRecord).max(10).optional(),
  })
  .strict();

/**
 * Answers the question of an information-system step that waits for it — a person-registry
 * lookup (person_data_found), a vacancy in the kindergarten queue (place_available) — and lets
 * the automatic steps after it run. Only the system itself (gateway adapters, background jobs)
 * may call it.
 */
export async function recordSystemAnswer(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof RecordSystemAnswerInput>,
) {
  const input = parseInput(RecordSystemAnswerInput, rawInput);
  if (principal.kind !== 'system')
    throw new DomainError(ErrorCode.forbidden, { reason: 'system_only' });
  return runCommand(services, principal, 'record_system_answer', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    const { state, regulation } = loaded;
    const step = state.currentStepId
      ? getStep(getFlow(regulation, state.channel), state.currentStepId)
      : undefined;
    if (
      !step ||
      !isAutomatic(step) ||
      step.decide?.question !== input.question ||
      state.suspendedSince !== undefined
    ) {
      throw new DomainError(ErrorCode.conflict, {
        ...conflictDetails(state, []),
        question: input.question,
      });
    }
    const next = await recordEvents(
      trx,
      engineTargetOf(loaded),
      { kind: 'system', process: input.source },
      [
        {
          type: 'step_completed',
          stepId: step.id,
          answer: input.answer,
          documentIds: [],
          ...(input.lookup && step.action === 'registry_lookup' ? { lookup: input.lookup } : {}),
        },
      ],
      loaded.now,
    );
    return {
      applicationId: loaded.record.id,
      response: {
        applicationId: loaded.record.id,
        status: next.status,
        currentStepId: next.currentStepId ?? null,
        version: next.version,
      },
    };
  });
}
