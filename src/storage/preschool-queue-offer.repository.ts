import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { DistrictKey } from './preschool-queue.repository.js';
import type { JsonObject, Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;
type Trx = Transaction<Tables>;

/** An offer locked for a decision, with its registration's slip number, parent and phone. */
export interface LockedOfferRow {
  readonly id: string;
  readonly status: 'open' | 'accepted' | 'declined' | 'expired';
  readonly dueAt: Date;
  readonly placeId: string;
  readonly region: string;
  readonly district: string;
  readonly registrationId: string;
  readonly number: string;
  readonly parentIin: string;
  readonly phone: string | null;
}

/** Locks an offer (FOR UPDATE) with what a decision on it needs; undefined when unknown. */
export async function lockOffer(trx: Trx, offerId: string): Promise<LockedOfferRow | undefined> {
  const row = await trx
    .selectFrom('queue_offer as o')
    .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
    .select([
      'o.id',
      'o.status',
      'o.due_at',
      'o.place_id',
      'o.region',
      'o.district',
      'r.id as registrationId',
      'r.number',
      'r.parent_iin',
      'r.phone',
    ])
    .where('o.id', '=', offerId)
    .forUpdate()
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      status: row.status,
      dueAt: row.due_at,
      placeId: row.place_id,
      region: row.region,
      district: row.district,
      registrationId: row.registrationId,
      number: row.number,
      parentIin: row.parent_iin,
      phone: row.phone,
    }
  );
}

/** Records the parent's acceptance: the offer becomes a referral with its number and validity. */
export async function markOfferAccepted(
  trx: Trx,
  offerId: string,
  referral: { number: string; validUntil: Date; at: Date },
): Promise<void> {
  await trx
    .updateTable('queue_offer')
    .set({
      status: 'accepted',
      decided_at: referral.at,
      referral_number: referral.number,
      referral_valid_until: referral.validUntil,
    })
    .where('id', '=', offerId)
    .execute();
}

/** Records that an offer was declined by the parent. */
export async function markOfferDeclined(trx: Trx, offerId: string, at: Date): Promise<void> {
  await trx
    .updateTable('queue_offer')
    .set({ status: 'declined', decided_at: at })
    .where('id', '=', offerId)
    .execute();
}

/** Sets a place's status (free again, offered, taken). */
export async function setPlaceStatus(
  trx: Trx,
  placeId: string,
  status: 'free' | 'offered' | 'taken',
): Promise<void> {
  await trx.updateTable('queue_place').set({ status }).where('id', '=', placeId).execute();
}

/** Puts a registration back in the waiting queue (after a decline, an expiry, a lapsed referral). */
export async function returnToWaiting(trx: Trx, registrationId: string): Promise<void> {
  await trx
    .updateTable('queue_registration')
    .set({ status: 'waiting', left_waiting_at: null })
    .where('id', '=', registrationId)
    .execute();
}

/**
 * The waiting registrations of a region born on or before `bornBy` (the bound of those who may
 * have aged out); the caller decides each child by its age on the day.
 */
export async function listWaitingBornBy(trx: Trx, region: string, bornBy: string) {
  const rows = await trx
    .selectFrom('queue_registration')
    .select(['id', 'number', 'region', 'district', 'birth_date', 'phone'])
    .where('region', '=', region)
    .where('status', '=', 'waiting')
    .where('birth_date', '<=', bornBy)
    .orderBy('registered_at')
    .orderBy('number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    region: row.region,
    district: row.district,
    birthDate: row.birth_date,
    phone: row.phone,
  }));
}

/** Moves a waiting registration out of the queue at the end of the age window (7 by default). */
export async function markAgedOut(trx: Trx, registrationId: string, at: Date): Promise<boolean> {
  const row = await trx
    .updateTable('queue_registration')
    .set({ status: 'aged_out', left_waiting_at: at })
    .where('id', '=', registrationId)
    .where('status', '=', 'waiting')
    .returning(['id'])
    .executeTakeFirst();
  return row !== undefined;
}

/** The cabinet messages of a parent's registrations, newest first (at most `limit`). */
export async function listMessagesOfParent(db: Database, parentIin: string, limit = 20) {
  const rows = await db
    .selectFrom('queue_message as m')
    .innerJoin('queue_registration as r', 'r.id', 'm.registration_id')
    .select(['m.id', 'm.kind', 'm.message', 'm.created_at', 'r.number'])
    .where('r.parent_iin', '=', parentIin)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    number: row.number,
    message: row.message,
    at: row.created_at,
  }));
}

/** Marks a registration as holding a referral. */
export async function markReferred(trx: Trx, registrationId: string): Promise<void> {
  await trx
    .updateTable('queue_registration')
    .set({ status: 'referred' })
    .where('id', '=', registrationId)
    .execute();
}

/** Marks a registration offered (it leaves the waiting queue now); its phone for the SMS. */
export async function markOffered(
  trx: Trx,
  registrationId: string,
  at: Date,
): Promise<{ phone: string | null }> {
  return trx
    .updateTable('queue_registration')
    .set({ status: 'offered', left_waiting_at: at })
    .where('id', '=', registrationId)
    .returning(['phone'])
    .executeTakeFirstOrThrow();
}

/** A message to the parent in the cabinet. */
export async function insertQueueMessage(
  trx: Trx,
  message: { registrationId: string; kind: string; message: JsonObject; at: Date },
): Promise<void> {
  await trx
    .insertInto('queue_message')
    .values({
      registration_id: message.registrationId,
      kind: message.kind,
      message: JSON.stringify(message.message),
      created_at: message.at,
    })
    .execute();
}

/** Expires the open offers whose priority-choice window has passed; what each was. */
export async function expireDueOffers(trx: Trx, now: Date) {
  const rows = await trx
    .updateTable('queue_offer')
    .set({ status: 'expired', decided_at: now })
    .where('status', '=', 'open')
    .where('due_at', '<=', now)
    .returning(['id', 'place_id', 'registration_id', 'region', 'district'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    placeId: row.place_id,
    registrationId: row.registration_id,
    region: row.region,
    district: row.district,
  }));
}

/**
 * Lapses the referrals whose validity has passed while the child is still not enrolled: the
 * offer is marked expired (its referral number kept), and what each was is returned.
 */
export async function lapseDueReferrals(trx: Trx, now: Date) {
  const due = await trx
    .selectFrom('queue_offer as o')
    .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
    .select(['o.id'])
    .where('o.status', '=', 'accepted')
    .where('o.referral_valid_until', '<=', now)
    .where('r.status', '=', 'referred')
    .forUpdate()
    .execute();
  if (due.length === 0) return [];
  const rows = await trx
    .updateTable('queue_offer')
    .set({ status: 'expired', decided_at: now })
    .where(
      'id',
      'in',
      due.map((row) => row.id),
    )
    .returning(['id', 'place_id', 'registration_id', 'region', 'district', 'referral_number'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    placeId: row.place_id,
    registrationId: row.registration_id,
    region: row.region,
    district: row.district,
    referral: row.referral_number,
  }));
}

/**
 * Privileges claimed and not confirmed by their due: lost (the child ranks as general). Only
 * of children still in the queue (waiting, offered, or referred — a referral that lapses brings
 * the child back): an enrolled child, or one who left, has no rank left to lose.
 */
export async function loseUnconfirmedPrivileges(trx: Trx, now: Date) {
  return trx
    .updateTable('queue_registration')
    .set({ privilege: 'lost', privilege_lost_at: now, rank_category: 2 })
    .where('privilege', '=', 'pending')
    .where('privilege_due', '<=', now)
    .where('status', 'in', ['waiting', 'offered', 'referred'])
    .returning(['id', 'number'])
    .execute();
}

/** Confirms a pending privilege by slip number; the registration's id, or undefined. */
export async function confirmPendingPrivilege(
  trx: Trx,
  number: string,
): Promise<string | undefined> {
  const row = await trx
    .updateTable('queue_registration')
    .set({ privilege: 'confirmed', privilege_due: null })
    .where('number', '=', number)
    .where('privilege', '=', 'pending')
    .returning(['id'])
    .executeTakeFirst();
  return row?.id;
}

/** A group with its kindergarten's district and organisation; undefined when unknown. */
export async function findGroupOfKindergarten(db: Executor, groupId: string) {
  const row = await db
    .selectFrom('queue_group as g')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select(['g.id', 'k.region', 'k.district', 'k.organisation_id', 'k.id as kindergartenId'])
    .where('g.id', '=', groupId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      region: row.region,
      district: row.district,
      organisationId: row.organisation_id,
      kindergartenId: row.kindergartenId,
    }
  );
}

/** Inserts `count` free places of a group. */
export async function insertFreePlaces(
  trx: Trx,
  place: { groupId: string; count: number; at: Date; by: string },
): Promise<void> {
  await trx
    .insertInto('queue_place')
    .values(
      Array.from({ length: place.count }, () => ({
        group_id: place.groupId,
        published_at: place.at,
        published_by: place.by,
        status: 'free' as const,
      })),
    )
    .execute();
}

/** Records an allocation run with its full input and result; its id. */
export async function insertRun(
  trx: Trx,
  run: {
    key: DistrictKey;
    at: Date;
    day: string;
    trigger: string;
    alternationBefore: number;
    alternationAfter: number;
    /** Written as JSON (the allocation's input and result, re-runnable from the log). */
    input: unknown;
    result: unknown;
  },
): Promise<number> {
  const row = await trx
    .insertInto('queue_run')
    .values({
      region: run.key.region,
      district: run.key.district,
      ran_at: run.at,
      day: run.day,
      trigger: run.trigger,
      alternation_before: run.alternationBefore,
      alternation_after: run.alternationAfter,
      input: JSON.stringify(run.input),
      result: JSON.stringify(run.result),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A logged run's input and result; undefined when unknown. */
export async function findRun(db: Executor, runId: number) {
  return db
    .selectFrom('queue_run')
    .select(['input', 'result'])
    .where('id', '=', runId)
    .executeTakeFirst();
}

/** The time zone of each kindergarten of a district. */
export async function listKindergartenTimeZones(
  db: Executor,
  key: DistrictKey,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('queue_kindergarten')
    .select(['id', 'time_zone'])
    .where('region', '=', key.region)
    .where('district', '=', key.district)
    .execute();
  return new Map(rows.map((row) => [row.id, row.time_zone]));
}

/** Inserts an open offer; its id. */
export async function insertOffer(
  trx: Trx,
  offer: {
    placeId: string;
    registrationId: string;
    runId: number;
    key: DistrictKey;
    turn: string;
    at: Date;
    dueAt: Date;
  },
): Promise<string> {
  const row = await trx
    .insertInto('queue_offer')
    .values({
      place_id: offer.placeId,
      registration_id: offer.registrationId,
      run_id: offer.runId,
      status: 'open',
      region: offer.key.region,
      district: offer.key.district,
      turn: offer.turn,
      offered_at: offer.at,
      due_at: offer.dueAt,
      decided_at: null,
      referral_number: null,
      referral_valid_until: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The latest offers of a district with their slip number, category and kindergarten (no personal data). */
export async function listProtocolOffers(db: Executor, key: DistrictKey, limit: number) {
  const rows = await db
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
      'r.rank_category',
      'g.kindergarten_id',
    ])
    .where('o.region', '=', key.region)
    .where('o.district', '=', key.district)
    .orderBy('o.offered_at', 'desc')
    .orderBy('o.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    offeredAt: row.offered_at,
    decidedAt: row.decided_at,
    status: row.status,
    runId: row.run_id,
    referral: row.referral_number,
    number: row.number,
    rankCategory: row.rank_category,
    kindergartenId: row.kindergarten_id,
  }));
}

/** The latest places published in a district. */
export async function listPublishedPlaces(db: Executor, key: DistrictKey, limit: number) {
  const rows = await db
    .selectFrom('queue_place as p')
    .innerJoin('queue_group as g', 'g.id', 'p.group_id')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select(['g.kindergarten_id', 'p.group_id', 'p.published_at', 'p.status'])
    .where('k.region', '=', key.region)
    .where('k.district', '=', key.district)
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    kindergartenId: row.kindergarten_id,
    groupId: row.group_id,
    publishedAt: row.published_at,
    status: row.status,
  }));
}

/** A referral by its number, locked, with its kindergarten's organisation; undefined when unknown. */
export async function lockReferral(trx: Trx, referralNumber: string) {
  const row = await trx
    .selectFrom('queue_offer as o')
    .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
    .innerJoin('queue_place as p', 'p.id', 'o.place_id')
    .innerJoin('queue_group as g', 'g.id', 'p.group_id')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select([
      'o.id',
      'o.status',
      'o.referral_valid_until',
      'r.id as registrationId',
      'r.status as registrationStatus',
      'r.number',
      'k.organisation_id',
      'k.id as kindergartenId',
    ])
    .where('o.referral_number', '=', referralNumber)
    .forUpdate('o')
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      status: row.status,
      validUntil: row.referral_valid_until,
      registrationId: row.registrationId,
      registrationStatus: row.registrationStatus,
      number: row.number,
      organisationId: row.organisation_id,
      kindergartenId: row.kindergartenId,
    }
  );
}

/** The child is enrolled on its referral: it leaves the queue for good. */
export async function markEnrolled(trx: Trx, registrationId: string, at: Date): Promise<void> {
  await trx
    .updateTable('queue_registration')
    .set({ status: 'enrolled', left_waiting_at: at })
    .where('id', '=', registrationId)
    .execute();
}
