import type { Selectable, Transaction } from 'kysely';
import type { Database } from './db.js';
import { canonicalJson } from './audit.repository.js';
import type { JsonObject, JsonValue, Tables } from './schema.js';

export interface OrganisationRow {
  id: string;
  kind: string;
  nameKk: string;
  nameRu: string;
  parentId: string | null;
  regionCode: string;
  addressKk: string | null;
  addressRu: string | null;
  phone: string | null;
  email: string | null;
  bin: string | null;
  scheduleKind: 'provider_office' | 'front_office';
  customSchedule: JsonObject | null;
  timeZone: string;
  source: string | null;
}

type Executor = Database | Transaction<Tables>;

const columns = [
  'id',
  'kind',
  'name_kk',
  'name_ru',
  'parent_id',
  'region_code',
  'address_kk',
  'address_ru',
  'phone',
  'email',
  'bin',
  'schedule_kind',
  'custom_schedule',
  'time_zone',
  'source',
] as const;

function toRow(
  row: Omit<Selectable<Tables['organisation']>, 'created_at' | 'updated_at'>,
): OrganisationRow {
  return {
    id: row.id,
    kind: row.kind,
    nameKk: row.name_kk,
    nameRu: row.name_ru,
    parentId: row.parent_id,
    regionCode: row.region_code,
    addressKk: row.address_kk,
    addressRu: row.address_ru,
    phone: row.phone,
    email: row.email,
    bin: row.bin,
    scheduleKind: row.schedule_kind,
    customSchedule: row.custom_schedule,
    timeZone: row.time_zone,
    source: row.source,
  };
}

let writes = 0;

/**
 * How many transactions writing organisations this process has ended (committed, rolled back
 * or failed): a cache of organisation rows compares it to drop entries after a change made
 * here (changes by other processes age out). It moves after the transaction ends, so that a
 * read made while it was open — which sees the rows as they were, or, inside it, as they may
 * never be — is dropped too.
 */
export function organisationWriteCount(): number {
  return writes;
}

declare const organisationWrites: unique symbol;

/** A transaction that may write organisations: only {@link writeOrganisations} makes one. */
export type OrganisationWriteTransaction = Transaction<Tables> & {
  readonly [organisationWrites]: true;
};

/**
 * Runs `work` in one transaction in which organisations may be written
 * ({@link upsertOrganisation}), and counts the write once the transaction has ended — after
 * its commit, and also after a rollback or a failed commit (whose outcome may be unknown), so
 * that no read made while it was open is kept by a cache of organisation rows.
 */
export async function writeOrganisations<T>(
  db: Database,
  work: (trx: OrganisationWriteTransaction) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute((trx) => work(trx as OrganisationWriteTransaction));
  } finally {
    writes += 1;
  }
}

/** The organisation with this id, or undefined. */
export async function findOrganisation(
  db: Executor,
  id: string,
): Promise<OrganisationRow | undefined> {
  const row = await db
    .selectFrom('organisation')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRow(row);
}

/** Organisations, ordered by id, optionally of one region and/or kind. */
export async function listOrganisations(
  db: Executor,
  filter: { regionCode?: string; kind?: string } = {},
): Promise<OrganisationRow[]> {
  let query = db.selectFrom('organisation').select(columns).orderBy('id');
  if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return (await query.execute()).map(toRow);
}

/**
 * Inserts or updates an organisation by id, inside {@link writeOrganisations} (which tells the
 * organisation cache once the transaction has ended). Returns what happened, and the previous
 * row when it changed, so that the caller can audit the difference.
 */
export async function upsertOrganisation(
  trx: OrganisationWriteTransaction,
  organisation: OrganisationRow,
  now: Date,
): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; previous?: OrganisationRow }> {
  const previous = await findOrganisation(trx, organisation.id);
  const values = {
    kind: organisation.kind,
    name_kk: organisation.nameKk,
    name_ru: organisation.nameRu,
    parent_id: organisation.parentId,
    region_code: organisation.regionCode,
    address_kk: organisation.addressKk,
    address_ru: organisation.addressRu,
    phone: organisation.phone,
    email: organisation.email,
    bin: organisation.bin,
    schedule_kind: organisation.scheduleKind,
    custom_schedule:
      organisation.customSchedule === null ? null : JSON.stringify(organisation.customSchedule),
    time_zone: organisation.timeZone,
    source: organisation.source,
  };
  if (!previous) {
    await trx
      .insertInto('organisation')
      .values({ id: organisation.id, ...values, created_at: now, updated_at: now })
      .execute();
    return { outcome: 'created' };
  }
  const same =
    canonicalJson(previous as unknown as JsonValue) ===
    canonicalJson(organisation as unknown as JsonValue);
  if (same) return { outcome: 'unchanged' };
  await trx
    .updateTable('organisation')
    .set({ ...values, updated_at: now })
    .where('id', '=', organisation.id)
    .execute();
  return { outcome: 'updated', previous };
}
