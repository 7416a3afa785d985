import { allocatePlaces } from '../../domain/queue/allocate.js';
import { isInIntakeRound } from '../../domain/queue/rank.js';
import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import {
  findAlternationIndex,
  listDistrictGroups,
  listFreePlaces,
  listRefusals,
  listWaitingChildren,
  lockDistrict,
  type DistrictKey,
} from '../../storage/preschool-queue.repository.js';
import { enqueueMessage } from '../../storage/outbox.repository.js';
import {
  insertOffer,
  insertQueueMessage,
  insertRun,
  listKindergartenTimeZones,
  markOffered,
  setPlaceStatus,
} from '../../storage/preschool-queue-offer.repository.js';
import {
  addWorkingDays,
  getQueueRules,
  type QueueServices,
  type QueueTransaction,
} from './queue-services.js';

/** The trigger of the district's batch run in the yearly intake round (`run-intake-round.ts`). */
export const intakeRoundTrigger = 'intake_round';

/**
 * What a run did: its id in the log and the slip numbers offered a place; `runId` null and
 * `heldForIntakeRound` when no run was made because the region's intake round is open (the
 * places wait for the department's batch run).
 */
export interface AllocationRunSummary {
  readonly runId: number | null;
  readonly heldForIntakeRound?: boolean;
  readonly offered: readonly { number: string; placeId: string; turn: string }[];
  readonly unfilled: number;
}

/** The parent's message and SMS of an offer, in kk/ru/en (the SMS carries kk and ru). */
export const offerMessage = {
  kk: 'Балаңызға балабақшадан орын ұсынылды. Жеке кабинетте қабылдаңыз немесе бас тартыңыз.',
  ru: 'Вашему ребёнку предложено место в детском саду. Примите или откажитесь в личном кабинете.',
  en: 'A kindergarten place is offered to your child. Accept or decline it in your cabinet.',
} as const;

/**
 * Runs the district's allocation inside the caller's transaction (issue 19): reads the waiting
 * children, the groups and the free places, gives places by `allocatePlaces`, records the run
 * with its full input and result (re-runnable from the log: `rerunAllocation`), makes the offers
 * with their priority-choice window, tells the parents (cabinet and SMS through the outbox) and
 * audits the run and every offer. Serialised per district. While the region's yearly intake
 * round is open (`intakeRound` of its rules) only the round's own trigger runs: places published
 * or freed wait for the department's batch run.
 */
export async function runAllocation(
  services: QueueServices,
  trx: QueueTransaction,
  key: DistrictKey,
  trigger: string,
  actor: AuditActor,
): Promise<AllocationRunSummary> {
  const rules = getQueueRules(services, key.region);
  const now = services.now();
  const day = kazakhstanDay(now);
  if (trigger !== intakeRoundTrigger && isInIntakeRound(day, rules))
    return { runId: null, heldForIntakeRound: true, offered: [], unfilled: 0 };
  await lockDistrict(trx, key);
  const [children, groups, places, refused, alternationIndex] = await Promise.all([
    listWaitingChildren(trx, key),
    listDistrictGroups(trx, key),
    listFreePlaces(trx, key),
    listRefusals(trx, key),
    findAlternationIndex(trx, key),
  ]);
  const input = { children, groups, places, refused, day, alternationIndex };
  const result = allocatePlaces({ ...input, rules });
  const runId = await insertRun(trx, {
    key,
    at: now,
    day,
    trigger,
    alternationBefore: alternationIndex,
    alternationAfter: result.alternationIndex,
    input: { ...input, rules: { ageWindow: rules.ageWindow, alternation: rules.alternation } },
    result,
  });
  const timeZones = await listKindergartenTimeZones(trx, key);
  for (const offer of result.offers) {
    const dueAt = addWorkingDays(
      services,
      timeZones.get(offer.kindergartenId) ?? 'Asia/Almaty',
      now,
      rules.offerWindowWorkingDays.value,
    );
    const offerId = await insertOffer(trx, {
      placeId: offer.placeId,
      registrationId: offer.childId,
      runId,
      key,
      turn: offer.turn,
      at: now,
      dueAt,
    });
    await setPlaceStatus(trx, offer.placeId, 'offered');
    const registration = await markOffered(trx, offer.childId, now);
    await insertQueueMessage(trx, {
      registrationId: offer.childId,
      kind: 'offer',
      message: { ...offerMessage, offerId, dueAt: dueAt.toISOString() },
      at: now,
    });
    if (registration.phone) {
      await enqueueMessage(trx, {
        channel: 'sms',
        recipient: registration.phone,
        body: `Qyzmet: ${offerMessage.kk} / ${offerMessage.ru}`,
        now,
      });
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor,
      action: 'preschool_queue.offered',
      subjectType: 'queue_offer',
      subjectId: offerId,
      details: {
        run: runId,
        number: offer.number,
        place: offer.placeId,
        turn: offer.turn,
        fellBack: offer.fellBack,
        dueAt: dueAt.toISOString(),
      },
    });
  }
  await appendAudit(trx, {
    occurredAt: now,
    actor,
    action: 'preschool_queue.allocation_run',
    subjectType: 'queue_run',
    subjectId: String(runId),
    details: {
      trigger,
      district: key.district,
      waiting: children.length,
      places: places.length,
      offers: result.offers.length,
      unfilled: result.unfilled.length,
    },
  });
  return {
    runId,
    offered: result.offers.map((offer) => ({
      number: offer.number,
      placeId: offer.placeId,
      turn: offer.turn,
    })),
    unfilled: result.unfilled.length,
  };
}
