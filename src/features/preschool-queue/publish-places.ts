import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { parseInput } from '../../engine/parse-input.js';
import {
  findGroupOfKindergarten,
  insertFreePlaces,
} from '../../storage/preschool-queue-offer.repository.js';
import { runAllocation, type AllocationRunSummary } from './run-allocation.js';
import type { QueueServices } from './queue-services.js';

export const PublishPlacesInput = z
  .object({
    groupId: z.string().trim().min(1).max(80),
    places: z.number().int().min(1).max(100),
  })
  .strict();

/**
 * The kindergarten's head or executor publishes free places of one of its groups (issue 19:
 * places are published as they free up); the district's allocation runs at once in the same
 * transaction (continuous allocation). Audited: the places published, then the run.
 */
export async function publishPlaces(
  services: QueueServices,
  principal: Principal,
  rawInput: z.input<typeof PublishPlacesInput>,
): Promise<AllocationRunSummary & { published: number }> {
  const input = parseInput(PublishPlacesInput, rawInput);
  if (
    principal.kind !== 'staff' ||
    !principal.roles.some((role) => role === StaffRole.head || role === StaffRole.executor)
  ) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'vacancy_staff_only' });
  }
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const group = await findGroupOfKindergarten(trx, input.groupId);
    if (!group) throw new DomainError(ErrorCode.notFound, { reason: 'queue_group_unknown' });
    if (group.organisationId !== principal.organisationId) {
      throw new DomainError(ErrorCode.forbidden, { reason: 'not_your_kindergarten' });
    }
    await insertFreePlaces(trx, {
      groupId: group.id,
      count: input.places,
      at: now,
      by: principal.staffId,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: principal.staffId },
      action: 'preschool_queue.places_published',
      subjectType: 'queue_group',
      subjectId: group.id,
      details: { kindergarten: group.kindergartenId, places: input.places },
    });
    const run = await runAllocation(
      services,
      trx,
      { region: group.region, district: group.district },
      'places_published',
      { kind: 'staff', id: principal.staffId },
    );
    return { ...run, published: input.places };
  });
}
