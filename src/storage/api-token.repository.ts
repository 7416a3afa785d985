import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** An API token as stored: never the token itself, only its hash. */
export interface ApiTokenRow {
  id: string;
  name: string;
  organisationId: string;
  regionCode: string;
  roles: string[];
  staffAccountId: string | null;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const columns = [
  'api_token.id',
  'api_token.name',
  'api_token.organisation_id',
  'organisation.region_code',
  'api_token.roles',
  'api_token.staff_account_id',
  'api_token.created_at',
  'api_token.created_by',
  'api_token.revoked_at',
  'api_token.last_used_at',
] as const;

function toRow(row: {
  id: string;
  name: string;
  organisation_id: string;
  region_code: string;
  roles: string[];
  staff_account_id: string | null;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  last_used_at: Date | null;
}): ApiTokenRow {
  return {
    id: row.id,
    name: row.name,
    organisationId: row.organisation_id,
    regionCode: row.region_code,
    roles: row.roles,
    staffAccountId: row.staff_account_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** Inserts a token row and returns its id. */
export async function insertApiToken(
  trx: Executor,
  token: {
    name: string;
    tokenHash: string;
    organisationId: string;
    roles: string[];
    staffAccountId: string | null;
    createdAt: Date;
    createdBy: string;
  },
): Promise<string> {
  const row = await trx
    .insertInto('api_token')
    .values({
      name: token.name,
      token_hash: token.tokenHash,
      organisation_id: token.organisationId,
      roles: token.roles,
      staff_account_id: token.staffAccountId,
      created_at: token.createdAt,
      created_by: token.createdBy,
      revoked_at: null,
      last_used_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The unrevoked token with this hash, or undefined; `isStaffActive` tells whether the staff
 * account it is bound to (if any) is still active.
 */
export async function findActiveApiTokenByHash(
  db: Executor,
  tokenHash: string,
): Promise<(ApiTokenRow & { isStaffActive: boolean | null }) | undefined> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('organisation', 'organisation.id', 'api_token.organisation_id')
    .leftJoin('staff_account', 'staff_account.id', 'api_token.staff_account_id')
    .select([...columns, 'staff_account.is_active'])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { ...toRow(row), isStaffActive: row.is_active };
}

/** Every token, optionally of one organisation, oldest first. */
export async function listApiTokens(
  db: Executor,
  organisationId: string | undefined,
): Promise<ApiTokenRow[]> {
  let query = db
    .selectFrom('api_token')
    .innerJoin('organisation', 'organisation.id', 'api_token.organisation_id')
    .select(columns)
    .orderBy('api_token.created_at')
    .orderBy('api_token.id');
  if (organisationId) query = query.where('api_token.organisation_id', '=', organisationId);
  return (await query.execute()).map(toRow);
}

/** Marks a token revoked; false when it does not exist or was already revoked. */
export async function revokeApiToken(trx: Executor, id: string, now: Date): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const result = await trx
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records a use of the token, at most once a minute per token so that a busy integration
 * does not write on every request.
 */
export async function touchApiToken(db: Executor, id: string, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - 60_000);
  await db
    .updateTable('api_token')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
}
