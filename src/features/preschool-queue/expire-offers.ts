import { appendAudit } from '../../storage/audit.repository.js';
import type { DistrictKey } from '../../storage/preschool-queue.repository.js';
import { runAllocation } from './run-allocation.js';
import type { QueueServices } from './queue-services.js';

/**
 * The deadline watch of the queue (issue 19): offers whose priority-choice window has passed
 * expire (the child stays in the queue, the place goes to the next child); claimed privileges
 * not confirmed in time are lost (the child returns to the general queue at its original
 * registration time); then each district touched runs its allocation. One transaction, audited.
 */
export async function expireOffers(
  services: QueueServices,
): Promise<{ expired: number; privilegesLost: number }> {
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const actor = { kind: 'system' as const, id: 'queue-deadline-watch' };
    const expired = await trx
      .updateTable('queue_offer')
      .set({ status: 'expired', decided_at: now })
      .where('status', '=', 'open')
      .where('due_at', '<=', now)
      .returning(['id', 'place_id', 'registration_id', 'region', 'district'])
      .execute();
    const districts = new Map<string, DistrictKey>();
    for (const offer of expired) {
      await trx
        .updateTable('queue_place')
        .set({ status: 'free' })
        .where('id', '=', offer.place_id)
        .execute();
      await trx
        .updateTable('queue_registration')
        .set({ status: 'waiting', left_waiting_at: null })
        .where('id', '=', offer.registration_id)
        .execute();
      await appendAudit(trx, {
        occurredAt: now,
        actor,
        action: 'preschool_queue.offer_expired',
        subjectType: 'queue_offer',
        subjectId: offer.id,
        details: {},
      });
      districts.set(`${offer.region}\n${offer.district}`, {
        region: offer.region,
        district: offer.district,
      });
    }
    const lost = await trx
      .updateTable('queue_registration')
      .set({ privilege: 'lost', privilege_lost_at: now, rank_category: 2 })
      .where('privilege', '=', 'pending')
      .where('privilege_due', '<=', now)
      .returning(['id', 'number'])
      .execute();
    for (const registration of lost) {
      await appendAudit(trx, {
        occurredAt: now,
        actor,
        action: 'preschool_queue.privilege_lost',
        subjectType: 'queue_registration',
        subjectId: registration.id,
        details: { number: registration.number },
      });
    }
    for (const key of districts.values())
      await runAllocation(services, trx, key, 'offer_expired', actor);
    return { expired: expired.length, privilegesLost: lost.length };
  });
}
