import { z } from 'zod';
import { parseInput } from '../../engine/parse-input.js';
import type { QueueServices } from './queue-services.js';

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
  readonly category: string;
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
  const offers = await services.db
    .selectFrom('queue_offer as o')
    .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
    .innerJoin('queue_place as p', 'p.id', 'o.place_id')
    .innerJoin('queue_group as g', 'g.id', 'p.group_id')
    .select([
      'o.offered_at',
      'o.decided_at',
      'o.status',
      'o.run_id',
      'o.referral_number',
      'r.number',
      'r.category',
      'r.rank_category',
      'g.kindergarten_id',
    ])
    .where('o.region', '=', query.region)
    .where('o.district', '=', query.district)
    .orderBy('o.offered_at', 'desc')
    .orderBy('o.id')
    .limit(query.limit)
    .execute();
  const places = await services.db
    .selectFrom('queue_place as p')
    .innerJoin('queue_group as g', 'g.id', 'p.group_id')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select(['g.kindergarten_id', 'p.group_id', 'p.published_at', 'p.status'])
    .where('k.region', '=', query.region)
    .where('k.district', '=', query.district)
    .orderBy('p.published_at', 'desc')
    .limit(query.limit)
    .execute();
  return {
    offers: offers.map((row): ProtocolEntry => ({
      at: row.decided_at ?? row.offered_at,
      event: row.status === 'open' ? 'offered' : row.status,
      number: row.number,
      category:
        row.rank_category === 0 ? 'extraordinary' : row.rank_category === 1 ? 'primary' : 'general',
      kindergartenId: row.kindergarten_id,
      run: row.run_id,
      referral: row.referral_number,
    })),
    places: places.map((row) => ({
      kindergartenId: row.kindergarten_id,
      groupId: row.group_id,
      publishedAt: row.published_at,
      status: row.status,
    })),
  };
}
