import { randomUUID } from 'node:crypto';
import type {
  ApplicationEvent,
  ApplicationEventPayload,
} from '../../src/domain/application/ApplicationEvent.js';
import { foldApplication, getFlow, getStep } from '../../src/domain/application/fold.js';
import type { Channel } from '../../src/domain/regulation/Channel.js';
import type { ApplicationServices } from '../../src/engine/application-services.js';
import { clockOf } from '../../src/engine/application-services.js';
import { eventValues } from '../../src/storage/application.repository.js';

/** One entry of a scripted log: a payload (without the submission) and when it happened. */
export type ScriptedEvent = { at: string } & (
  | { type: 'step'; stepId: string; answer?: boolean }
  | Exclude<ApplicationEventPayload, { type: 'submitted' | 'step_completed' }>
);

/**
 * Writes an application and its action log as the engine records them (the `application`
 * projection from the fold, the `application_event` rows), without going through the commands:
 * the quality indicators are computed from these records alone. The log must follow the
 * regulation's flow (the fold refuses anything else).
 */
export async function writeScriptedApplication(
  services: ApplicationServices,
  input: {
    number: string;
    regulationId: string;
    channel: Channel;
    providerOrganisationId: string;
    frontOfficeId?: string;
    submittedAt: string;
    events: readonly ScriptedEvent[];
    clockOffsetMs?: number;
  },
): Promise<string> {
  const regulation = services.regulations.getById(input.regulationId);
  const flow = getFlow(regulation, input.channel);
  const actor = { kind: 'system', process: 'test' } as const;
  const events: ApplicationEvent[] = [
    {
      type: 'submitted',
      regulationId: regulation.id,
      channel: input.channel,
      applicantIin: '900101300007',
      providerOrganisationId: input.providerOrganisationId,
      ...(input.frontOfficeId ? { frontOfficeId: input.frontOfficeId } : {}),
      fields: {},
      documents: [],
      facts: {},
      sequence: 1,
      at: Date.parse(input.submittedAt),
      actor,
    },
  ];
  for (const scripted of input.events) {
    const { at, ...rest } = scripted;
    const sequence = events.length + 1;
    const base = { sequence, at: Date.parse(at), actor };
    if (rest.type === 'step') {
      const step = getStep(flow, rest.stepId);
      events.push({
        type: 'step_completed',
        stepId: rest.stepId,
        ...(rest.answer !== undefined ? { answer: rest.answer } : {}),
        ...(step.action === 'assign_executor' ? { executorId: 'executor-1' } : {}),
        documentIds: [],
        ...base,
      });
    } else {
      events.push({ ...(rest as ApplicationEventPayload), ...base } as ApplicationEvent);
    }
  }
  const { clock } = await clockOf(
    services,
    services.db,
    input.providerOrganisationId,
    input.frontOfficeId,
  );
  const state = foldApplication(regulation, events, clock);
  const id = randomUUID();
  const last = events[events.length - 1]!;
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('application')
      .values({
        id,
        number: input.number,
        regulation_id: regulation.id,
        service_code: regulation.service,
        region_code: regulation.region,
        channel: input.channel,
        applicant_iin: '900101300007',
        representative_iin: null,
        provider_organisation_id: input.providerOrganisationId,
        front_office_id: input.frontOfficeId ?? null,
        holder_organisation_id: input.providerOrganisationId,
        status: state.status,
        current_step_id: state.currentStepId ?? null,
        current_actor: state.currentStepId ? getStep(flow, state.currentStepId).actor : null,
        executor_id: null,
        submitted_at: new Date(state.submittedAt),
        step_due_at: state.stepDueAt === undefined ? null : new Date(state.stepDueAt),
        due_at: new Date(state.dueAt),
        ended_at: state.endedAt === undefined ? null : new Date(state.endedAt),
        version: state.version,
        updated_at: new Date(last.at),
        ...(input.clockOffsetMs !== undefined ? { clock_offset_ms: input.clockOffsetMs } : {}),
      })
      .execute();
    await trx
      .insertInto('application_event')
      .values(eventValues(id, events, new Date(last.at)))
      .execute();
  });
  return id;
}

/**
 * A provider office's flow up to the head's acceptance (the step ids of the south-kazakhstan
 * regulations, e.g. the archive certificate's), from a submission at `day`T04:00Z: intake, the
 * request entered and signed, its signature checked (`answer`), then routed — or refused when
 * the signature is not valid.
 */
export const toAccept = (day: string, answer = true): ScriptedEvent[] => [
  { type: 'step', stepId: 'intake', at: `${day}T04:05:00Z` },
  { type: 'step', stepId: 'enter-request', at: `${day}T04:05:30Z` },
  { type: 'step', stepId: 'sign-request', at: `${day}T04:07:00Z` },
  { type: 'step', stepId: 'verify-signature', answer, at: `${day}T04:07:00Z` },
  ...(answer
    ? ([{ type: 'step', stepId: 'route-request', at: `${day}T04:08:00Z` }] as ScriptedEvent[])
    : ([{ type: 'step', stepId: 'signature-refused', at: `${day}T04:07:00Z` }] as ScriptedEvent[])),
];

/** {@link toAccept}, then the head's acceptance at `day`T04:10Z: the executor's turn. */
export const accepted = (day: string): ScriptedEvent[] => [
  ...toAccept(day),
  { type: 'step', stepId: 'accept', at: `${day}T04:10:00Z` },
];
