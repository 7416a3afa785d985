import { sql, type Transaction } from 'kysely';
import type { KindergartenGroup, FreePlace } from '../domain/queue/allocate.js';
import type { QueueChild } from '../domain/queue/rank.js';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A district queue: its region and district codes. */
export interface DistrictKey {
  readonly region: string;
  readonly district: string;
}

/** Serialises the allocation runs of one district (a transaction-scoped advisory lock). */
export async function lockDistrict(trx: Transaction<Tables>, key: DistrictKey): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`queue:${key.region}:${key.district}`}))`.execute(
    trx,
  );
}

/** The children waiting in a district (no open offer, no referral), as the allocation reads them. */
export async function listWaitingChildren(db: Executor, key: DistrictKey): Promise<QueueChild[]> {
  const rows = await db
    .selectFrom('queue_registration')
    .select([
      'id',
      'number',
      'category',
      'privilege',
      'registered_at',
      'birth_date',
      'preferred',
      'language',
      'special_needs',
      'desired_start',
    ])
    .where('region', '=', key.region)
    .where('district', '=', key.district)
    .where('status', '=', 'waiting')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    category: row.category,
    privilege: row.privilege,
    registeredAt: row.registered_at.getTime(),
    birthDate: row.birth_date,
    preferred: row.preferred,
    language: row.language,
    specialNeeds: row.special_needs,
    desiredStart: row.desired_start,
  }));
}

/** The groups of the district's kindergartens. */
export async function listDistrictGroups(
  db: Executor,
  key: DistrictKey,
): Promise<KindergartenGroup[]> {
  const rows = await db
    .selectFrom('queue_group as g')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select([
      'g.id',
      'g.kindergarten_id',
      'g.age_from',
      'g.age_to',
      'g.language',
      'g.special_needs',
    ])
    .where('k.region', '=', key.region)
    .where('k.district', '=', key.district)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kindergartenId: row.kindergarten_id,
    ageFromYears: row.age_from,
    ageToYears: row.age_to,
    language: row.language,
    specialNeeds: row.special_needs,
  }));
}

/** The district's free places (published, not offered). */
export async function listFreePlaces(db: Executor, key: DistrictKey): Promise<FreePlace[]> {
  const rows = await db
    .selectFrom('queue_place as p')
    .innerJoin('queue_group as g', 'g.id', 'p.group_id')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select(['p.id', 'p.group_id', 'p.published_at'])
    .where('k.region', '=', key.region)
    .where('k.district', '=', key.district)
    .where('p.status', '=', 'free')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    groupId: row.group_id,
    publishedAt: row.published_at.getTime(),
  }));
}

/** The (child, place) pairs of the district's free places that a child declined or let expire. */
export async function listRefusals(db: Executor, key: DistrictKey) {
  return db
    .selectFrom('queue_offer as o')
    .innerJoin('queue_place as p', 'p.id', 'o.place_id')
    .select(['o.registration_id as childId', 'o.place_id as placeId'])
    .where('o.region', '=', key.region)
    .where('o.district', '=', key.district)
    .where('o.status', 'in', ['declined', 'expired'])
    .where('p.status', '=', 'free')
    .execute();
}

/** Where the district's 1:3 cycle stands (0 before the first run). */
export async function findAlternationIndex(db: Executor, key: DistrictKey): Promise<number> {
  const row = await db
    .selectFrom('queue_run')
    .select('alternation_after')
    .where('region', '=', key.region)
    .where('district', '=', key.district)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.alternation_after ?? 0;
}

/** 1 + the children waiting ahead of the registration (one indexed count). */
export async function countAhead(
  db: Executor,
  registration: {
    region: string;
    district: string;
    rankCategory: number;
    registeredAt: Date;
    number: string;
  },
): Promise<number> {
  const row = await db
    .selectFrom('queue_registration')
    .select((eb) => eb.fn.countAll<number>().as('ahead'))
    .where('region', '=', registration.region)
    .where('district', '=', registration.district)
    .where('status', '=', 'waiting')
    .where(
      sql<boolean>`(rank_category, registered_at, number) < (${registration.rankCategory}, ${registration.registeredAt}, ${registration.number})`,
    )
    .executeTakeFirstOrThrow();
  return Number(row.ahead);
}

/** The kindergartens of a district among `ids`, with their time zones. */
export async function listKindergartensOfDistrict(
  db: Executor,
  key: DistrictKey,
  ids: readonly string[],
): Promise<{ id: string; timeZone: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('queue_kindergarten')
    .select(['id', 'time_zone'])
    .where('id', 'in', [...ids])
    .where('region', '=', key.region)
    .where('district', '=', key.district)
    .execute();
  return rows.map((row) => ({ id: row.id, timeZone: row.time_zone }));
}

/** Whether the child is already in a queue (waiting, offered or referred). */
export async function isChildQueued(db: Executor, childIin: string): Promise<boolean> {
  const row = await db
    .selectFrom('queue_registration')
    .select('number')
    .where('child_iin', '=', childIin)
    .where('status', 'in', ['waiting', 'offered', 'referred'])
    .executeTakeFirst();
  return row !== undefined;
}

/** A new registration in a district queue (waiting; the position shown at registration remembered). */
export interface NewRegistration {
  readonly number: string;
  readonly key: DistrictKey;
  readonly childIin: string;
  readonly parentIin: string;
  readonly phone: string | null;
  readonly birthDate: string;
  readonly category: 'extraordinary' | 'primary' | 'general';
  readonly privilegeDue: Date | null;
  readonly rankCategory: number;
  readonly registeredAt: Date;
  readonly preferred: readonly string[];
  readonly language: string;
  readonly specialNeeds: string | null;
  readonly desiredStart: string;
}

/** Inserts a registration; its id. */
export async function insertRegistration(
  trx: Transaction<Tables>,
  registration: NewRegistration,
): Promise<string> {
  const row = await trx
    .insertInto('queue_registration')
    .values({
      number: registration.number,
      region: registration.key.region,
      district: registration.key.district,
      child_iin: registration.childIin,
      parent_iin: registration.parentIin,
      phone: registration.phone,
      birth_date: registration.birthDate,
      category: registration.category,
      privilege: registration.category === 'general' ? 'none' : 'pending',
      privilege_due: registration.privilegeDue,
      privilege_lost_at: null,
      rank_category: registration.rankCategory,
      registered_at: registration.registeredAt,
      preferred: JSON.stringify(registration.preferred),
      language: registration.language,
      special_needs: registration.specialNeeds,
      desired_start: registration.desiredStart,
      status: 'waiting',
      left_waiting_at: null,
      last_seen_position: null,
      last_seen_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Remembers the position last shown to the parent (the base of the next explanation). */
export async function rememberSeenPosition(
  db: Executor,
  registrationId: string,
  position: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('queue_registration')
    .set({ last_seen_position: position, last_seen_at: at })
    .where('id', '=', registrationId)
    .execute();
}

/** What the position lookup reads of a registration. */
export interface RegistrationPositionRow {
  readonly id: string;
  readonly number: string;
  readonly parentIin: string;
  readonly status: 'waiting' | 'offered' | 'referred' | 'enrolled' | 'left' | 'aged_out';
  readonly region: string;
  readonly district: string;
  readonly rankCategory: number;
  readonly registeredAt: Date;
  readonly privilegeLostAt: Date | null;
  readonly lastSeenPosition: number | null;
  readonly lastSeenAt: Date | null;
}

const positionColumns = [
  'id',
  'number',
  'parent_iin',
  'status',
  'region',
  'district',
  'rank_category',
  'registered_at',
  'privilege_lost_at',
  'last_seen_position',
  'last_seen_at',
] as const;

function toPositionRow(row: {
  id: string;
  number: string;
  parent_iin: string;
  status: RegistrationPositionRow['status'];
  region: string;
  district: string;
  rank_category: number;
  registered_at: Date;
  privilege_lost_at: Date | null;
  last_seen_position: number | null;
  last_seen_at: Date | null;
}): RegistrationPositionRow {
  return {
    id: row.id,
    number: row.number,
    parentIin: row.parent_iin,
    status: row.status,
    region: row.region,
    district: row.district,
    rankCategory: row.rank_category,
    registeredAt: row.registered_at,
    privilegeLostAt: row.privilege_lost_at,
    lastSeenPosition: row.last_seen_position,
    lastSeenAt: row.last_seen_at,
  };
}

/** A registration by its slip number; undefined when unknown. */
export async function findRegistrationByNumber(
  db: Executor,
  number: string,
): Promise<RegistrationPositionRow | undefined> {
  const row = await db
    .selectFrom('queue_registration')
    .select(positionColumns)
    .where('number', '=', number)
    .executeTakeFirst();
  return row && toPositionRow(row);
}

/** A parent's registrations, newest first (at most 20). */
export async function listRegistrationsOfParent(
  db: Executor,
  parentIin: string,
): Promise<RegistrationPositionRow[]> {
  const rows = await db
    .selectFrom('queue_registration')
    .select(positionColumns)
    .where('parent_iin', '=', parentIin)
    .orderBy('registered_at', 'desc')
    .limit(20)
    .execute();
  return rows.map(toPositionRow);
}

/**
 * Why a position moved since `since`: children ahead who left the waiting queue with a place
 * since, those ahead who left it at 7 since, and children of a higher category registered since
 * and ahead now.
 */
export async function countChangesSince(
  db: Executor,
  registration: RegistrationPositionRow,
  since: Date,
): Promise<{ placed: number; higher: number; agedOut: number }> {
  const counts = await db
    .selectFrom('queue_registration')
    .select([
      sql<number>`count(*) filter (where status not in ('waiting', 'aged_out') and left_waiting_at > ${since})`.as(
        'placed',
      ),
      sql<number>`count(*) filter (where status = 'aged_out' and left_waiting_at > ${since})`.as(
        'aged_out',
      ),
      sql<number>`count(*) filter (where status = 'waiting' and registered_at > ${since} and rank_category < ${registration.rankCategory})`.as(
        'higher',
      ),
    ])
    .where('region', '=', registration.region)
    .where('district', '=', registration.district)
    .where(
      sql<boolean>`(rank_category, registered_at, number) < (${registration.rankCategory}, ${registration.registeredAt}, ${registration.number})`,
    )
    .executeTakeFirstOrThrow();
  return {
    placed: Number(counts.placed),
    higher: Number(counts.higher),
    agedOut: Number(counts.aged_out),
  };
}
