import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { OtpPurpose, otpMessage } from '../../signing/one-time-password.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { parseInput } from '../../engine/parse-input.js';
import {
  issueOneTimePasswordInTransaction,
  type IssuedOneTimePassword,
} from '../identity/issue-one-time-password.js';
import type { IdentityServices } from '../identity/identity-services.js';
import { consumeOneTimePassword, otpRefusal } from '../identity/verify-one-time-password.js';
import {
  insertQueueMessage,
  lockOffer,
  markOfferAccepted,
  markOfferDeclined,
  markReferred,
  returnToWaiting,
  setPlaceStatus,
} from '../../storage/preschool-queue-offer.repository.js';
import { runAllocation } from './run-allocation.js';
import { getQueueRules, type QueueServices, type QueueTransaction } from './queue-services.js';

const OfferId = z.string().uuid();

async function lockOpenOffer(trx: QueueTransaction, offerId: string, parentIin: string, now: Date) {
  const offer = await lockOffer(trx, offerId);
  // Another parent's offer is not found: personal data only to its owner.
  if (!offer || offer.parentIin !== parentIin) {
    throw new DomainError(ErrorCode.notFound, { reason: 'queue_offer_unknown' });
  }
  if (offer.status !== 'open' || offer.dueAt.getTime() <= now.getTime()) {
    throw new DomainError(ErrorCode.conflict, { reason: 'offer_not_open', status: offer.status });
  }
  return offer;
}

/** Sends the one-time password that signs the parent's acceptance of an offer (to the phone of the registration). */
export async function requestOfferCode(
  services: QueueServices & IdentityServices,
  parentIin: string,
  offerId: string,
): Promise<IssuedOneTimePassword> {
  const id = parseInput(OfferId, offerId);
  const issued = await services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const offer = await lockOpenOffer(trx, id, parentIin, now);
    if (!offer.phone) throw new DomainError(ErrorCode.conflict, { reason: 'no_phone' });
    const made = await issueOneTimePasswordInTransaction(
      trx,
      services,
      {
        phone: offer.phone,
        purpose: OtpPurpose.acceptOffer,
        subjectId: offer.id,
        actor: { kind: 'citizen', id: parentIin },
      },
      now,
    );
    return { ...made, phone: offer.phone };
  });
  await services.sms.send({
    phone: issued.phone,
    text: otpMessage(issued.code, OtpPurpose.acceptOffer),
  });
  return {
    challengeId: issued.challengeId,
    expiresAt: issued.expiresAt,
    maskedPhone: issued.maskedPhone,
  };
}

export const AcceptOfferInput = z
  .object({
    offerId: OfferId,
    challengeId: z.string().uuid(),
    code: z.string().regex(/^\d{6}$/),
    /** The parent asks for the longer validity of the referral (extendable, issue 19). */
    isExtended: z.boolean().default(false),
  })
  .strict();

/** The parent's cabinet message of an issued referral (kk/ru/en). */
export const referralMessage = {
  kk: 'Балабақшаға жолдама берілді.',
  ru: 'Выдано направление в детский сад.',
  en: 'A referral to the kindergarten is issued.',
} as const;

/** The referral (направление) issued when the parent accepts. */
export interface Referral {
  readonly number: string;
  readonly validUntil: Date;
}

/**
 * The parent accepts an offer, signing the choice with the one-time password sent for it: the
 * offer becomes a referral valid the rules' days (or the extended days at the parent's request),
 * the place is taken, the child leaves the waiting queue. A wrong code changes nothing but the
 * code's attempt counter. Audited; the parent gets a cabinet message.
 */
export async function acceptOffer(
  services: QueueServices,
  parentIin: string,
  rawInput: z.input<typeof AcceptOfferInput>,
): Promise<Referral> {
  const input = parseInput(AcceptOfferInput, rawInput);
  const outcome = await services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const offer = await lockOpenOffer(trx, input.offerId, parentIin, now);
    const check = await consumeOneTimePassword(
      trx,
      {
        challengeId: input.challengeId,
        code: input.code,
        purpose: OtpPurpose.acceptOffer,
        subjectId: offer.id,
        actor: { kind: 'citizen', id: parentIin },
      },
      now,
    );
    if (!check.isAccepted) return { refused: check, referral: undefined } as const;
    const rules = getQueueRules(services, offer.region);
    const days = input.isExtended
      ? rules.referralExtendedDays.value
      : rules.referralValidityDays.value;
    const validUntil = new Date(now.getTime() + days * 86_400_000);
    const number = `N-${offer.number.slice(2)}-${String(randomInt(100)).padStart(2, '0')}`;
    await markOfferAccepted(trx, offer.id, { number, validUntil, at: now });
    await setPlaceStatus(trx, offer.placeId, 'taken');
    await markReferred(trx, offer.registrationId);
    await insertQueueMessage(trx, {
      registrationId: offer.registrationId,
      kind: 'referral',
      message: { ...referralMessage, referral: number },
      at: now,
    });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: parentIin },
      action: 'preschool_queue.offer_accepted',
      subjectType: 'queue_offer',
      subjectId: offer.id,
      details: {
        referral: number,
        validUntil: validUntil.toISOString(),
        signedBy: 'one_time_password',
      },
    });
    return { refused: undefined, referral: { number, validUntil } } as const;
  });
  if (outcome.refused) throw otpRefusal(outcome.refused);
  return outcome.referral;
}

/**
 * The parent declines an offer (akimat-2012-149, annex 1, process 8: «Потребитель продолжает стоять в очереди»):
 * the child is back in the queue at its place; the place goes to the next child at once.
 */
export async function declineOffer(services: QueueServices, parentIin: string, offerId: string) {
  const id = parseInput(OfferId, offerId);
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const offer = await lockOpenOffer(trx, id, parentIin, now);
    await markOfferDeclined(trx, offer.id, now);
    await setPlaceStatus(trx, offer.placeId, 'free');
    await returnToWaiting(trx, offer.registrationId);
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: parentIin },
      action: 'preschool_queue.offer_declined',
      subjectType: 'queue_offer',
      subjectId: offer.id,
      details: { number: offer.number },
    });
    return runAllocation(
      services,
      trx,
      { region: offer.region, district: offer.district },
      'offer_declined',
      { kind: 'citizen', id: parentIin },
    );
  });
}
