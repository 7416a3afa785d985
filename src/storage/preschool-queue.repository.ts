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
