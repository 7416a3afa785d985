import {
  listRegistrationsOfParent,
  rememberSeenPosition,
} from '../../storage/preschool-queue.repository.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { listMessagesOfParent } from '../../storage/preschool-queue-offer.repository.js';
import {
  findOfferOfParent,
  listOffersOfParent,
} from '../../storage/preschool-queue-view.repository.js';
import { positionOf, type PublicPosition } from './lookup-position.js';
import type { QueueServices } from './queue-services.js';

/**
 * The parent's own queue in the cabinet (signed in): every registration with its position and
 * the explanation of the last change — this view remembers the positions shown, the base of
 * the next explanation —, the offers and referrals with their kindergarten, and the latest
 * messages about them (offers, lapsed referrals, leaving the queue at 7).
 */
export async function listOwnQueue(services: Pick<QueueServices, 'db' | 'now'>, parentIin: string) {
  const rows = await listRegistrationsOfParent(services.db, parentIin);
  const registrations: (PublicPosition & { district: string; region: string })[] = [];
  for (const row of rows) {
    const shown = await positionOf(services.db, row);
    if (shown.position !== null && shown.position !== row.lastSeenPosition)
      await rememberSeenPosition(services.db, row.id, shown.position, services.now());
    registrations.push({ ...shown, district: row.district, region: row.region });
  }
  const [offers, messages] = await Promise.all([
    listOffersOfParent(services.db, parentIin),
    listMessagesOfParent(services.db, parentIin),
  ]);
  return { registrations, offers, messages };
}

/** One of the parent's offers; not found when it is another parent's (or unknown). */
export async function listOwnOffer(
  services: Pick<QueueServices, 'db'>,
  parentIin: string,
  offerId: string,
) {
  const offer = await findOfferOfParent(services.db, parentIin, offerId);
  if (!offer) throw new DomainError(ErrorCode.notFound, { reason: 'queue_offer_unknown' });
  return offer;
}
