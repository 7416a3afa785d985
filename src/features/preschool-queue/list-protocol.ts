import { z } from 'zod';
import type { QueueCategory } from '../../domain/queue/QueueRules.js';
import { parseInput } from '../../engine/parse-input.js';
import {
  listProtocolOffers,
  listPublishedPlaces,
} from '../../storage/preschool-queue-offer.repository.js';
import { categoryOfRank, type QueueServices } from './queue-services.js';

export const ProtocolQuery = z
  .object({
    region: z.string().trim().min(1).max(80),
    district: z.string().trim().min(1).max(80),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** One line of the public protocol: no personal data (slip number, category, kindergarten, date). */
export interface ProtocolEntry {
  readonly at: Date;
  readonly event: 'offered' | 'accepted' | 'declined' | 'expired';
  readonly number: string;
  readonly category: QueueCategory;
  readonly kindergartenId: string;
  readonly run: number;
  readonly referral: string | null;
}

/**
 * The public protocol of a district (issue 19): the latest offers of every allocation run and
 * what became of them (referral issued, declined, expired), and the places published — so a
 * place held back or given out of order is visible to anyone.
 */
export async function listProtocol(
  services: QueueServices,
  rawQuery: z.input<typeof ProtocolQuery>,
) {
  const query = parseInput(ProtocolQuery, rawQuery);
  const key = { region: query.region, district: query.district };
  const [offers, places] = await Promise.all([
    listProtocolOffers(services.db, key, query.limit),
    listPublishedPlaces(services.db, key, query.limit),
  ]);
  return {
    offers: offers.map((row): ProtocolEntry => ({
      at: row.decidedAt ?? row.offeredAt,
      event: row.status === 'open' ? 'offered' : row.status,
      number: row.number,
      category: categoryOfRank(row.rankCategory),
      kindergartenId: row.kindergartenId,
      run: row.runId,
      referral: row.referral,
    })),
    places,
  };
}
