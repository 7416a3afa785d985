import { appendAudit } from '../../storage/audit.repository.js';
import {
  expireDueOffers,
  insertQueueMessage,
  lapseDueReferrals,
  loseUnconfirmedPrivileges,
  returnToWaiting,
  setPlaceStatus,
} from '../../storage/preschool-queue-offer.repository.js';
import type { DistrictKey } from '../../storage/preschool-queue.repository.js';
import { runAllocation } from './run-allocation.js';
import type { QueueServices } from './queue-services.js';

/** The parent's cabinet message when a referral lapsed unused (kk/ru/en). */
export const referralLapsedMessage = {
  kk: 'Жолдаманың мерзімі өтті: бала кезекке қайтарылды.',
  ru: 'Срок направления истёк: ребёнок возвращён в очередь.',
  en: 'The referral lapsed unused: the child is back in the queue.',
} as const;

/** What one round of the queue's deadline watch changed. */
export interface QueueDeadlineRound {
  readonly expired: number;
  readonly referralsLapsed: number;
  readonly privilegesLost: number;
}

/**
 * The deadline watch of the queue (issue 19), run by the background job `preschool-queue`:
 * offers whose priority-choice window has passed expire (the child stays in the queue, the
 * place goes to the next child); referrals not used for enrolment within their validity lapse
 * (the place is free again, the child returns to the queue at its registration time); claimed
 * privileges not confirmed in time are lost (the child returns to the general queue at its
 * original registration time); then each district touched runs its allocation. One
 * transaction, every change audited.
 */
export async function expireOffers(services: QueueServices): Promise<QueueDeadlineRound> {
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const actor = { kind: 'system' as const, id: 'queue-deadline-watch' };
    const districts = new Map<string, DistrictKey>();
    const touch = (key: DistrictKey) =>
      districts.set(`${key.region}\n${key.district}`, {
        region: key.region,
        district: key.district,
      });
    const expired = await expireDueOffers(trx, now);
    for (const offer of expired) {
      await setPlaceStatus(trx, offer.placeId, 'free');
      await returnToWaiting(trx, offer.registrationId);
      await appendAudit(trx, {
        occurredAt: now,
        actor,
        action: 'preschool_queue.offer_expired',
        subjectType: 'queue_offer',
        subjectId: offer.id,
        details: {},
      });
      touch(offer);
    }
    const lapsed = await lapseDueReferrals(trx, now);
    for (const referral of lapsed) {
      await setPlaceStatus(trx, referral.placeId, 'free');
      await returnToWaiting(trx, referral.registrationId);
      await insertQueueMessage(trx, {
        registrationId: referral.registrationId,
        kind: 'referral_lapsed',
        message: { ...referralLapsedMessage, referral: referral.referral },
        at: now,
      });
      await appendAudit(trx, {
        occurredAt: now,
        actor,
        action: 'preschool_queue.referral_lapsed',
        subjectType: 'queue_offer',
        subjectId: referral.id,
        details: { referral: referral.referral },
      });
      touch(referral);
    }
    const lost = await loseUnconfirmedPrivileges(trx, now);
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
    return { expired: expired.length, referralsLapsed: lapsed.length, privilegesLost: lost.length };
  });
}
