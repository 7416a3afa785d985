import { sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import type { DistrictKey } from './preschool-queue.repository.js';
import type { JsonObject, Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A name in kk/ru/en as stored. */
export type StoredName = Readonly<Record<string, string>>;

/** A district of the queue with its name and department. */
export interface QueueDistrictRow {
  readonly region: string;
  readonly code: string;
  readonly name: StoredName;
  readonly departmentOrganisationId: string;
}

/** Adds or updates a district (the demo seed; idempotent). */
export async function upsertQueueDistrict(db: Executor, district: QueueDistrictRow): Promise<void> {
  await db
    .insertInto('queue_district')
    .values({
      region: district.region,
      code: district.code,
      name: JSON.stringify(district.name),
      department_organisation_id: district.departmentOrganisationId,
    })
    .onConflict((oc) =>
      oc.columns(['region', 'code']).doUpdateSet({
        name: JSON.stringify(district.name),
        department_organisation_id: district.departmentOrganisationId,
      }),
    )
    .execute();
}

/** Adds or updates a kindergarten and its groups (the demo seed; idempotent). */
export async function upsertQueueKindergarten(
  db: Executor,
  kindergarten: {
    id: string;
    organisationId: string;
    key: DistrictKey;
    name: StoredName;
    timeZone: string;
    groups: readonly {
      id: string;
      ageFrom: number;
      ageTo: number;
      language: string;
      specialNeeds: string | null;
    }[];
  },
): Promise<void> {
  const values = {
    organisation_id: kindergarten.organisationId,
    region: kindergarten.key.region,
    district: kindergarten.key.district,
    name: JSON.stringify(kindergarten.name),
    time_zone: kindergarten.timeZone,
  };
  await db
    .insertInto('queue_kindergarten')
    .values({ id: kindergarten.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  for (const group of kindergarten.groups) {
    const groupValues = {
      kindergarten_id: kindergarten.id,
      age_from: group.ageFrom,
      age_to: group.ageTo,
      language: group.language,
      special_needs: group.specialNeeds,
    };
    await db
      .insertInto('queue_group')
      .values({ id: group.id, ...groupValues })
      .onConflict((oc) => oc.column('id').doUpdateSet(groupValues))
      .execute();
  }
}

/** The districts of the queue (of a region, or all), by region and code. */
export async function listQueueDistricts(
  db: Executor,
  region?: string,
): Promise<QueueDistrictRow[]> {
  let query = db
    .selectFrom('queue_district')
    .select(['region', 'code', 'name', 'department_organisation_id'])
    .orderBy('region')
    .orderBy('code')
    .limit(500);
  if (region) query = query.where('region', '=', region);
  const rows = await query.execute();
  return rows.map((row) => ({
    region: row.region,
    code: row.code,
    name: row.name as StoredName,
    departmentOrganisationId: row.department_organisation_id,
  }));
}

/** A kindergarten with its groups and the places of each group by status. */
export interface KindergartenView {
  readonly id: string;
  readonly region: string;
  readonly district: string;
  readonly name: StoredName;
  readonly groups: readonly {
    id: string;
    ageFrom: number;
    ageTo: number;
    language: string;
    specialNeeds: string | null;
    free: number;
    offered: number;
    taken: number;
  }[];
}

async function kindergartensWhere(
  db: Executor,
  filter: { organisationId?: string; key?: DistrictKey },
): Promise<KindergartenView[]> {
  let query = db
    .selectFrom('queue_kindergarten as k')
    .innerJoin('queue_group as g', 'g.kindergarten_id', 'k.id')
    .select([
      'k.id',
      'k.region',
      'k.district',
      'k.name',
      'g.id as groupId',
      'g.age_from',
      'g.age_to',
      'g.language',
      'g.special_needs',
      sql<number>`(select count(*) from queue_place p where p.group_id = g.id and p.status = 'free')`.as(
        'free',
      ),
      sql<number>`(select count(*) from queue_place p where p.group_id = g.id and p.status = 'offered')`.as(
        'offered',
      ),
      sql<number>`(select count(*) from queue_place p where p.group_id = g.id and p.status = 'taken')`.as(
        'taken',
      ),
    ])
    .orderBy('k.id')
    .orderBy('g.age_from')
    .orderBy('g.id')
    .limit(500);
  if (filter.organisationId) query = query.where('k.organisation_id', '=', filter.organisationId);
  if (filter.key)
    query = query
      .where('k.region', '=', filter.key.region)
      .where('k.district', '=', filter.key.district);
  const rows = await query.execute();
  const byId = new Map<
    string,
    KindergartenView & { groups: KindergartenView['groups'][number][] }
  >();
  for (const row of rows) {
    let kindergarten = byId.get(row.id);
    if (!kindergarten) {
      kindergarten = {
        id: row.id,
        region: row.region,
        district: row.district,
        name: row.name as StoredName,
        groups: [],
      };
      byId.set(row.id, kindergarten);
    }
    kindergarten.groups.push({
      id: row.groupId,
      ageFrom: row.age_from,
      ageTo: row.age_to,
      language: row.language,
      specialNeeds: row.special_needs,
      free: Number(row.free),
      offered: Number(row.offered),
      taken: Number(row.taken),
    });
  }
  return [...byId.values()];
}

/** The kindergartens whose places an organisation's staff publish. */
export function listKindergartensOfOrganisation(
  db: Executor,
  organisationId: string,
): Promise<KindergartenView[]> {
  return kindergartensWhere(db, { organisationId });
}

/** The kindergartens of a district (the registration form's choices, the protocol's names). */
export function listKindergartensInDistrict(
  db: Executor,
  key: DistrictKey,
): Promise<KindergartenView[]> {
  return kindergartensWhere(db, { key });
}

function offersOfParent(db: Executor, parentIin: string) {
  return db
    .selectFrom('queue_offer as o')
    .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
    .innerJoin('queue_place as p', 'p.id', 'o.place_id')
    .innerJoin('queue_group as g', 'g.id', 'p.group_id')
    .innerJoin('queue_kindergarten as k', 'k.id', 'g.kindergarten_id')
    .select([
      'o.id',
      'o.status',
      'o.offered_at',
      'o.due_at',
      'o.referral_number',
      'o.referral_valid_until',
      'o.referral_document_id',
      'r.number',
      'k.name',
      'g.age_from',
      'g.age_to',
      'g.language',
    ])
    .where('r.parent_iin', '=', parentIin);
}

function toOfferView(row: {
  id: string;
  status: 'open' | 'accepted' | 'declined' | 'expired';
  offered_at: Date;
  due_at: Date;
  referral_number: string | null;
  referral_valid_until: Date | null;
  referral_document_id: string | null;
  number: string;
  name: unknown;
  age_from: number;
  age_to: number;
  language: string;
}) {
  return {
    id: row.id,
    status: row.status,
    offeredAt: row.offered_at,
    dueAt: row.due_at,
    referral: row.referral_number,
    referralValidUntil: row.referral_valid_until,
    referralDocumentId: row.referral_document_id,
    number: row.number,
    kindergartenName: row.name as StoredName,
    group: { ageFrom: row.age_from, ageTo: row.age_to, language: row.language },
  };
}

/** A parent's offers and referrals (newest first, at most 20) with the kindergarten's name. */
export async function listOffersOfParent(db: Executor, parentIin: string) {
  const rows = await offersOfParent(db, parentIin)
    .orderBy('o.offered_at', 'desc')
    .orderBy('o.id')
    .limit(20)
    .execute();
  return rows.map(toOfferView);
}

/** One offer of a parent; undefined when it is not theirs (or unknown). */
export async function findOfferOfParent(db: Executor, parentIin: string, offerId: string) {
  const row = await offersOfParent(db, parentIin).where('o.id', '=', offerId).executeTakeFirst();
  return row && toOfferView(row);
}

/**
 * A district's statistics (issue 19): children waiting by full years of age on `day`, and
 * the offers by what became of them.
 */
export async function districtStatistics(db: Executor, key: DistrictKey, day: string) {
  const waiting = await db
    .selectFrom('queue_registration')
    .select([
      sql<number>`extract(year from age(${day}::date, birth_date))::int`.as('age'),
      (eb) => eb.fn.countAll<number>().as('children'),
    ])
    .where('region', '=', key.region)
    .where('district', '=', key.district)
    .where('status', '=', 'waiting')
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  const offers = await db
    .selectFrom('queue_offer')
    .select(['status', (eb) => eb.fn.countAll<number>().as('offers')])
    .where('region', '=', key.region)
    .where('district', '=', key.district)
    .groupBy('status')
    .execute();
  const enrolled = await db
    .selectFrom('queue_registration')
    .select((eb) => eb.fn.countAll<number>().as('children'))
    .where('region', '=', key.region)
    .where('district', '=', key.district)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow();
  return {
    waitingByAge: waiting.map((row) => ({ age: Number(row.age), children: Number(row.children) })),
    offers: Object.fromEntries(offers.map((row) => [row.status, Number(row.offers)])) as Partial<
      Record<'open' | 'accepted' | 'declined' | 'expired', number>
    >,
    enrolled: Number(enrolled.children),
  };
}

/** The kindergartens' names by id (for the public protocol). */
export async function kindergartenNames(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, StoredName>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('queue_kindergarten')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name as JsonObject as StoredName]));
}
