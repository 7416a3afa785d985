import { sql } from 'kysely';
import { z } from 'zod';
import type { QueueCategory } from '../../domain/queue/QueueRules.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { parseInput } from '../../engine/parse-input.js';
import { countAhead } from '../../storage/preschool-queue.repository.js';
import type { QueueServices } from './queue-services.js';

/** A registration-slip number as printed (Q-XXXX-XXXX-XX); bounded before any query. */
export const SlipNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^Q-\d{4}-\d{4}-\d{2}$/);

/** Why the position changed since it was last shown (the ЕПГУ «why did my position change»). */
export interface PositionChange {
  readonly previous: number;
  /** Children ahead who received an offer (a place) since. */
  readonly aheadGotPlaces: number;
  /** Children of a higher category registered since and now ahead. */
  readonly higherCategoryRegistered: number;
  /** This child's own privilege was lost since (back to the general queue). */
  readonly privilegeLost: boolean;
}

/** What anyone holding the slip number may see: no name, no IIN, no kindergarten. */
export interface PublicPosition {
  readonly number: string;
  readonly status: 'waiting' | 'offered' | 'referred' | 'enrolled' | 'left';
  readonly category: QueueCategory;
  readonly registeredAt: Date;
  /** The position in the district queue while waiting; null otherwise. */
  readonly position: number | null;
  readonly change: PositionChange | null;
}

/**
 * The public position lookup by slip number (issue 19): the position (one indexed count) and,
 * when it moved since it was last shown, why — counted from the queue's own timestamps. The
 * position shown is remembered for the next explanation. No personal data; the HTTP layer
 * rate-limits it.
 */
export async function lookupPosition(
  services: QueueServices,
  rawNumber: string,
): Promise<PublicPosition> {
  const number = parseInput(SlipNumber, rawNumber);
  const row = await services.db
    .selectFrom('queue_registration')
    .select([
      'id',
      'number',
      'status',
      'region',
      'district',
      'category',
      'rank_category',
      'registered_at',
      'privilege_lost_at',
      'last_seen_position',
      'last_seen_at',
    ])
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) throw new DomainError(ErrorCode.notFound, { reason: 'queue_slip_unknown' });
  const category: QueueCategory =
    row.rank_category === 0 ? 'extraordinary' : row.rank_category === 1 ? 'primary' : 'general';
  if (row.status !== 'waiting') {
    return {
      number: row.number,
      status: row.status,
      category,
      registeredAt: row.registered_at,
      position: null,
      change: null,
    };
  }
  const now = services.now();
  const key = {
    region: row.region,
    district: row.district,
    rankCategory: row.rank_category,
    registeredAt: row.registered_at,
    number: row.number,
  };
  const position = 1 + (await countAhead(services.db, key));
  let change: PositionChange | null = null;
  if (row.last_seen_position !== null && row.last_seen_at && row.last_seen_position !== position) {
    const since = row.last_seen_at;
    const counts = await services.db
      .selectFrom('queue_registration')
      .select([
        sql<number>`count(*) filter (where status <> 'waiting' and left_waiting_at > ${since})`.as(
          'placed',
        ),
        sql<number>`count(*) filter (where status = 'waiting' and registered_at > ${since} and rank_category < ${row.rank_category})`.as(
          'higher',
        ),
      ])
      .where('region', '=', row.region)
      .where('district', '=', row.district)
      .where(
        sql<boolean>`(rank_category, registered_at, number) < (${row.rank_category}, ${row.registered_at}, ${row.number})`,
      )
      .executeTakeFirstOrThrow();
    change = {
      previous: row.last_seen_position,
      aheadGotPlaces: Number(counts.placed),
      higherCategoryRegistered: Number(counts.higher),
      privilegeLost: row.privilege_lost_at !== null && row.privilege_lost_at > since,
    };
  }
  if (row.last_seen_position !== position) {
    await services.db
      .updateTable('queue_registration')
      .set({ last_seen_position: position, last_seen_at: now })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    number: row.number,
    status: row.status,
    category,
    registeredAt: row.registered_at,
    position,
    change,
  };
}
