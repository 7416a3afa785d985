import { z } from 'zod';
import { getFlow, getStep } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { RegistryGateway } from '../../integrations/registries.js';
import { identifyApplicant, type ApplicantIdentification } from '../identity/identify-applicant.js';
import type { ApplicationServices } from './application-services.js';
import { completeStep } from './complete-step.js';
import { getApplicationFor } from './load-application.js';
import { parseInput } from './parse-input.js';
import { recordSystemAnswer } from './record-system-answer.js';

export const LookUpApplicantInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    /** Number of the notarised power of attorney, when a representative applies (ЕНИС). */
    powerOfAttorneyNumber: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

/**
 * The registry lookup of the front-office flow (000/004): the applicant in the person database
 * (ГБД ФЛ) and a representative's power of attorney in the notary registry (ЕНИС), through the
 * gateway. The answer completes the waiting `registry_lookup` step — "data found" or the
 * prescribed «невозможно получить данные» branch — by the operator, or by the system when the
 * information system does the step. The gateway is called outside any transaction; when a
 * registry does not answer, the error is retryable and the application stays where it was.
 */
export async function lookUpApplicant(
  services: ApplicationServices,
  gateway: RegistryGateway,
  principal: Principal,
  rawInput: z.input<typeof LookUpApplicantInput>,
): Promise<{ identification: ApplicantIdentification; status: string | number | null }> {
  const input = parseInput(LookUpApplicantInput, rawInput);
  const { state, regulation, events } = await getApplicationFor(
    services,
    principal,
    input.applicationId,
  );
  const step = state.currentStepId
    ? getStep(getFlow(regulation, state.channel), state.currentStepId)
    : undefined;
  if (!step || step.action !== 'registry_lookup' || step.decide?.question !== 'person_data_found') {
    throw new DomainError(ErrorCode.conflict, {
      status: state.status,
      currentStepId: state.currentStepId ?? null,
      reason: 'no_registry_lookup_waiting',
    });
  }
  const submitted = events[0]!.type === 'submitted' ? events[0] : undefined;
  const powerOfAttorneyNumber =
    input.powerOfAttorneyNumber ?? submitted?.fields['power-of-attorney-number'];
  const identification = await identifyApplicant(gateway, {
    applicantIin: state.applicantIin,
    ...(state.representativeIin && powerOfAttorneyNumber
      ? { representative: { iin: state.representativeIin, powerOfAttorneyNumber } }
      : {}),
    correlationId: input.applicationId,
  });
  const isFound =
    identification.status === 'identified' &&
    (state.representativeIin === undefined || identification.representative !== undefined);
  const result =
    step.actor === 'information_system'
      ? await recordSystemAnswer(
          services,
          { kind: 'system' },
          {
            idempotencyKey: input.idempotencyKey,
            applicationId: input.applicationId,
            question: 'person_data_found',
            answer: isFound,
            source: 'registry-gateway',
          },
        )
      : await completeStep(services, principal, {
          idempotencyKey: input.idempotencyKey,
          applicationId: input.applicationId,
          stepId: step.id,
          answer: isFound,
        });
  return { identification, status: result.status ?? null };
}
