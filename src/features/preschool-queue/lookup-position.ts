import { z } from 'zod';
import type { QueueCategory } from '../../domain/queue/QueueRules.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { parseInput } from '../../engine/parse-input.js';
import {
  countAhead,
  countChangesSince,
  findRegistrationByNumber,
  rememberSeenPosition,
  type RegistrationPositionRow,
} from '../../storage/preschool-queue.repository.js';
import type { Database } from '../../storage/db.js';
import { categoryOfRank, type QueueServices } from './queue-services.js';

/** A registration-slip number as printed (Q-XXXX-XXXX-XX); bounded before any query. */
export const SlipNumber = z
  .string()
  .trim()
  .max(20)
  .toUpperCase()
  .regex(/^Q-\d{4}-\d{4}-\d{2}$/);

/** Why the position changed since it was last shown (the ЕПГУ «why did my position change»). */
export interface PositionChange {
  readonly previous: number;
  /** Children ahead who received an offer (a place) since. */
  readonly aheadGotPlaces: number;
  /** Children ahead who turned 7 since and left the queue. */
  readonly aheadAgedOut: number;
  /** Children of a higher category registered since and now ahead. */
  readonly higherCategoryRegistered: number;
  /** This child's own privilege was lost since (back to the general queue). */
  readonly privilegeLost: boolean;
}

/** What anyone holding the slip number may see: no name, no IIN, no kindergarten. */
export interface PublicPosition {
  readonly number: string;
  readonly status: 'waiting' | 'offered' | 'referred' | 'enrolled' | 'left' | 'aged_out';
  readonly category: QueueCategory;
  readonly registeredAt: Date;
  /** The position in the district queue while waiting; null otherwise. */
  readonly position: number | null;
  readonly change: PositionChange | null;
}

/**
 * The position of a registration now (one indexed count) and, when it moved since the parent
 * last looked in the cabinet, why — counted from the queue's own timestamps.
 */
export async function positionOf(
  db: Database,
  row: RegistrationPositionRow,
): Promise<PublicPosition> {
  const category = categoryOfRank(row.rankCategory);
  const base = { number: row.number, status: row.status, category, registeredAt: row.registeredAt };
  if (row.status !== 'waiting') return { ...base, position: null, change: null };
  const position =
    1 +
    (await countAhead(db, {
      region: row.region,
      district: row.district,
      rankCategory: row.rankCategory,
      registeredAt: row.registeredAt,
      number: row.number,
    }));
  let change: PositionChange | null = null;
  if (row.lastSeenPosition !== null && row.lastSeenAt && row.lastSeenPosition !== position) {
    const since = row.lastSeenAt;
    const counts = await countChangesSince(db, row, since);
    change = {
      previous: row.lastSeenPosition,
      aheadGotPlaces: counts.placed,
      aheadAgedOut: counts.agedOut,
      higherCategoryRegistered: counts.higher,
      privilegeLost: row.privilegeLostAt !== null && row.privilegeLostAt > since,
    };
  }
  return { ...base, position, change };
}

/**
 * The public position lookup by slip number (issue 19): the position and the explanation of
 * its change since the parent last looked in the cabinet. A read only: anyone holding the slip
 * number may look without moving the parent's "since you last looked" marker. No personal data;
 * the HTTP layer rate-limits it per client address.
 */
export async function lookupPosition(
  services: Pick<QueueServices, 'db'>,
  rawNumber: string,
): Promise<PublicPosition> {
  const number = parseInput(SlipNumber, rawNumber);
  const row = await findRegistrationByNumber(services.db, number);
  if (!row) throw new DomainError(ErrorCode.notFound, { reason: 'queue_slip_unknown' });
  return positionOf(services.db, row);
}

/**
 * The parent's own view of a registration in the cabinet (signed in): as the public lookup,
 * and the position shown is remembered as the base of the next explanation. Another parent's
 * slip is not found (personal data only to its owner).
 */
export async function viewOwnPosition(
  services: Pick<QueueServices, 'db' | 'now'>,
  parentIin: string,
  rawNumber: string,
): Promise<PublicPosition> {
  const number = parseInput(SlipNumber, rawNumber);
  const row = await findRegistrationByNumber(services.db, number);
  if (!row || row.parentIin !== parentIin)
    throw new DomainError(ErrorCode.notFound, { reason: 'queue_slip_unknown' });
  const shown = await positionOf(services.db, row);
  if (shown.position !== null && shown.position !== row.lastSeenPosition)
    await rememberSeenPosition(services.db, row.id, shown.position, services.now());
  return shown;
}
