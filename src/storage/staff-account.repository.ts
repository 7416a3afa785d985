import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

export interface StaffAccountRow {
  id: string;
  organisationId: string;
  regionCode: string;
  iin: string;
  /** The name as the identity document spells it in Russian. */
  fullName: string;
  /** The Kazakh spelling of the name. */
  fullNameKk: string;
  roles: string[];
  isActive: boolean;
}

/** A staff account with its organisation's region, or undefined. */
export async function findStaffAccount(
  db: Database | Transaction<Tables>,
  id: string,
): Promise<StaffAccountRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('staff_account')
    .innerJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
    .select([
      'staff_account.id',
      'staff_account.organisation_id',
      'organisation.region_code',
      'staff_account.iin',
      'staff_account.full_name',
      'staff_account.full_name_kk',
      'staff_account.roles',
      'staff_account.is_active',
    ])
    .where('staff_account.id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      organisationId: row.organisation_id,
      regionCode: row.region_code,
      iin: row.iin,
      fullName: row.full_name,
      fullNameKk: row.full_name_kk,
      roles: row.roles,
      isActive: row.is_active,
    }
  );
}

/** Inserts a staff account; undefined when this IIN already has an account in the organisation. */
export async function insertStaffAccount(
  trx: Transaction<Tables>,
  account: {
    organisationId: string;
    iin: string;
    fullName: string;
    fullNameKk?: string;
    roles: string[];
    now: Date;
  },
): Promise<string | undefined> {
  const row = await trx
    .insertInto('staff_account')
    .values({
      organisation_id: account.organisationId,
      iin: account.iin,
      full_name: account.fullName,
      full_name_kk: account.fullNameKk ?? account.fullName,
      roles: account.roles,
      created_at: account.now,
      updated_at: account.now,
    })
    .onConflict((conflict) => conflict.columns(['organisation_id', 'iin']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** An active staff account that can sign in with a password, with its organisation's names. */
export interface StaffLoginCandidate {
  id: string;
  organisationId: string;
  organisationName: { kk: string; ru: string };
  passwordHash: string;
}

/** Every active account of this IIN that has a password (one per organisation it works in). */
export async function findStaffLoginCandidates(
  db: Database,
  iin: string,
): Promise<StaffLoginCandidate[]> {
  const rows = await db
    .selectFrom('staff_account')
    .innerJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
    .select([
      'staff_account.id',
      'staff_account.organisation_id',
      'organisation.name_kk',
      'organisation.name_ru',
      'staff_account.password_hash',
    ])
    .where('staff_account.iin', '=', iin)
    .where('staff_account.is_active', '=', true)
    .where('staff_account.password_hash', 'is not', null)
    .orderBy('organisation.name_ru')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: { kk: row.name_kk, ru: row.name_ru },
    passwordHash: row.password_hash!,
  }));
}

/** Replaces a staff account's password hash; whether the account exists. */
export async function updateStaffPassword(
  trx: Transaction<Tables>,
  staffId: string,
  passwordHash: string,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('staff_account')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', staffId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The id of the staff account of this IIN in this organisation, or undefined. */
export async function findStaffAccountId(
  db: Database | Transaction<Tables>,
  organisationId: string,
  iin: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('staff_account')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('iin', '=', iin)
    .executeTakeFirst();
  return row?.id;
}
