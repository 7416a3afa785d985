import { z } from 'zod';
import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { isInIntakeRound } from '../../domain/queue/rank.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { parseInput } from '../../engine/parse-input.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { listQueueDistricts } from '../../storage/preschool-queue-view.repository.js';
import { getQueueRules, type QueueServices } from './queue-services.js';
import { intakeRoundTrigger, runAllocation, type AllocationRunSummary } from './run-allocation.js';

export const IntakeRoundInput = z
  .object({
    region: z.string().trim().min(1).max(80),
    district: z.string().trim().min(1).max(80),
  })
  .strict();

/**
 * The yearly intake round (issue 19; `intakeRound` of the region's queue rules): while it is
 * open, places published or freed wait, and the head of the district education department
 * keeping the district allocates all of them in one batch run — the same deterministic
 * allocation, in queue order with the categories and the alternation, logged with the trigger
 * `intake_round` (re-runnable, in the public protocol). A department may run the round more than
 * once in the window (places freed by declines and expiries wait for the next). Another
 * department's district is not found; outside the window the round is a conflict. Audited.
 */
export async function runIntakeRound(
  services: QueueServices,
  principal: Principal,
  rawInput: z.input<typeof IntakeRoundInput>,
): Promise<AllocationRunSummary> {
  if (principal.kind !== 'staff' || !principal.roles.includes(StaffRole.head))
    throw new DomainError(ErrorCode.forbidden, { reason: 'department_head_only' });
  const input = parseInput(IntakeRoundInput, rawInput);
  const district = (await listQueueDistricts(services.db, input.region)).find(
    (entry) => entry.code === input.district,
  );
  if (!district || district.departmentOrganisationId !== principal.organisationId)
    throw new DomainError(ErrorCode.notFound, { reason: 'queue_district_unknown' });
  const rules = getQueueRules(services, input.region);
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    if (!isInIntakeRound(kazakhstanDay(now), rules))
      throw new DomainError(ErrorCode.conflict, {
        reason: 'intake_round_closed',
        window: rules.intakeRound
          ? `${rules.intakeRound.value.from}/${rules.intakeRound.value.until}`
          : null,
      });
    const actor = { kind: 'staff' as const, id: principal.staffId };
    const run = await runAllocation(
      services,
      trx,
      { region: input.region, district: input.district },
      intakeRoundTrigger,
      actor,
    );
    await appendAudit(trx, {
      occurredAt: now,
      actor,
      action: 'preschool_queue.intake_round',
      subjectType: 'queue_run',
      subjectId: String(run.runId),
      details: {
        region: input.region,
        district: input.district,
        offers: run.offered.length,
        unfilled: run.unfilled,
      },
    });
    return run;
  });
}
