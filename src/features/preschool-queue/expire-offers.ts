import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import { agedOutBornBy, hasAgedOut } from '../../domain/queue/rank.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { enqueueMessage } from '../../storage/outbox.repository.js';
import {
  expireDueOffers,
  insertQueueMessage,
  lapseDueReferrals,
  listWaitingBornBy,
  loseUnconfirmedPrivileges,
  markAgedOut,
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

/** The parent's cabinet message (and SMS, kk/ru) when the child left the queue at 7. */
export const agedOutMessage = {
  kk: 'Бала 7 жасқа толды және балабақша кезегінен шығарылды.',
  ru: 'Ребёнку исполнилось 7 лет: он снят с очереди в детский сад.',
  en: 'The child has turned 7 and has left the kindergarten queue.',
} as const;

/** What one round of the queue's deadline watch changed. */
export interface QueueDeadlineRound {
  readonly expired: number;
  readonly referralsLapsed: number;
  readonly privilegesLost: number;
  /** Waiting children who reached the end of the age window and left the queue. */
  readonly agedOut: number;
}

/**
 * The deadline watch of the queue (issue 19), run by the background job `preschool-queue`:
 * offers whose priority-choice window has passed expire (the child stays in the queue, the
 * place goes to the next child); referrals not used for enrolment within their validity lapse
 * (the place is free again, the child returns to the queue at its registration time); claimed
 * privileges not confirmed in time are lost (the child returns to the general queue at its
 * original registration time); waiting children who reached the end of the region's age
 * window (7) leave the queue (status `aged_out`, a cabinet message and an SMS); then each
 * district touched runs its allocation. One transaction, every change audited.
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
    // The age window's end (akimat-2012-149: the queue is for children until 7), per region on
    // the Kazakhstan calendar day, as the allocation reads ages.
    const day = kazakhstanDay(now);
    let agedOut = 0;
    for (const [region, rules] of services.rules) {
      for (const child of await listWaitingBornBy(trx, region, agedOutBornBy(day, rules))) {
        if (!hasAgedOut(child, day, rules) || !(await markAgedOut(trx, child.id, now))) continue;
        agedOut += 1;
        await insertQueueMessage(trx, {
          registrationId: child.id,
          kind: 'aged_out',
          message: { ...agedOutMessage },
          at: now,
        });
        if (child.phone) {
          await enqueueMessage(trx, {
            channel: 'sms',
            recipient: child.phone,
            body: `Qyzmet: ${agedOutMessage.kk} / ${agedOutMessage.ru}`,
            now,
          });
        }
        await appendAudit(trx, {
          occurredAt: now,
          actor,
          action: 'preschool_queue.aged_out',
          subjectType: 'queue_registration',
          subjectId: child.id,
          details: {
            number: child.number,
            untilYears: rules.ageWindow.value.untilYears,
            day,
          },
        });
      }
    }
    for (const key of districts.values())
      await runAllocation(services, trx, key, 'offer_expired', actor);
    return {
      expired: expired.length,
      referralsLapsed: lapsed.length,
      privilegesLost: lost.length,
      agedOut,
    };
  });
}
