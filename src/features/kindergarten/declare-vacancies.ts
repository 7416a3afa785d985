import { z } from 'zod';
import { isAutomatic } from '../../domain/application/available-commands.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { appendAudit } from '../../storage/audit.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';
import { readVacancyQueue, requireVacancyStaff } from './list-vacancy-queue.js';

export const DeclareVacanciesInput = z
  .object({
    idempotencyKey: z.string(),
    /** How many places became free. */
    places: z.number().int().min(1).max(500),
    /** The age group (full years, under 7) the places are for; every age when absent. */
    ageYears: z.number().int().min(0).max(6).optional(),
  })
  .strict();

/**
 * The provider declares N free places in kindergartens (seed 003, annex 1, point 6, items
 * 10 and 13: "проверка наличия мест в ДДО", then "уведомления потребителя о наличии места"):
 * the first N applications of its queue (in queue order, of the age group when given) get
 * the answer "a place is available" through the engine — their `place_available` question is
 * answered yes by the declaring staff member and the engine moves them on to the offer —
 * all in one transaction with one audit row naming the declaration, once per idempotency key.
 * Fewer waiting than places: every one waiting gets a place, the rest stay free.
 */
export async function declareVacancies(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof DeclareVacanciesInput>,
) {
  const input = parseInput(DeclareVacanciesInput, rawInput);
  requireVacancyStaff(principal);
  const role = principal.roles.includes(StaffRole.head) ? StaffRole.head : StaffRole.executor;
  return runCommand(services, principal, 'declare_vacancies', input, async (trx) => {
    const now = services.now();
    const queue = await readVacancyQueue(services, trx, principal.organisationId);
    const chosen = queue
      .filter((entry) => input.ageYears === undefined || entry.ageYears === input.ageYears)
      .slice(0, input.places);
    const offered: { applicationId: string; number: string; position: number }[] = [];
    for (const entry of chosen) {
      const loaded = await getApplicationFor(services, principal, entry.applicationId, trx);
      const { state, regulation } = loaded;
      const step = state.currentStepId
        ? getStep(getFlow(regulation, state.channel), state.currentStepId)
        : undefined;
      if (
        !step ||
        !isAutomatic(step) ||
        step.decide?.question !== 'place_available' ||
        state.suspendedSince !== undefined
      ) {
        throw new DomainError(ErrorCode.conflict, {
          reason: 'queue_changed',
          number: entry.number,
        });
      }
      await recordEvents(
        trx,
        engineTargetOf(loaded),
        {
          kind: 'staff',
          userId: principal.staffId,
          role,
          organisationId: principal.organisationId,
        },
        [{ type: 'step_completed', stepId: step.id, answer: true, documentIds: [] }],
        loaded.now,
      );
      offered.push({
        applicationId: entry.applicationId,
        number: entry.number,
        position: entry.position,
      });
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: principal.staffId },
      action: 'kindergarten.vacancies_declared',
      subjectType: 'organisation',
      subjectId: principal.organisationId,
      details: {
        places: input.places,
        ...(input.ageYears !== undefined ? { ageYears: input.ageYears } : {}),
        offered: offered.map((entry) => entry.number),
      },
    });
    return {
      applicationId: null,
      response: {
        places: input.places,
        ageYears: input.ageYears ?? null,
        offered,
        unused: input.places - offered.length,
      },
    };
  });
}
