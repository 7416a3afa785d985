import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A staff account as the administration lists it (never the password hash). */
export interface StaffDirectoryRow {
  id: string;
  organisationId: string;
  organisationNameKk: string;
  organisationNameRu: string;
  /** The organisation's address (either spelling may be missing). */
  organisationAddressKk: string | null;
  organisationAddressRu: string | null;
  regionCode: string;
  iin: string;
  fullName: string;
  fullNameKk: string;
  roles: string[];
  isActive: boolean;
}

/** Staff accounts, by organisation then name, optionally of one region and/or organisation. */
export async function listStaffDirectory(
  db: Executor,
  filter: { regionCode?: string; organisationId?: string } = {},
): Promise<StaffDirectoryRow[]> {
  let query = db
    .selectFrom('staff_account')
    .innerJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
    .select([
      'staff_account.id',
      'staff_account.organisation_id',
      'organisation.name_kk',
      'organisation.name_ru',
      'organisation.address_kk',
      'organisation.address_ru',
      'organisation.region_code',
      'staff_account.iin',
      'staff_account.full_name',
      'staff_account.full_name_kk',
      'staff_account.roles',
      'staff_account.is_active',
    ])
    .orderBy('staff_account.organisation_id')
    .orderBy('staff_account.full_name')
    .orderBy('staff_account.id');
  if (filter.regionCode) query = query.where('organisation.region_code', '=', filter.regionCode);
  if (filter.organisationId) {
    query = query.where('staff_account.organisation_id', '=', filter.organisationId);
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    organisationNameKk: row.name_kk,
    organisationNameRu: row.name_ru,
    organisationAddressKk: row.address_kk,
    organisationAddressRu: row.address_ru,
    regionCode: row.region_code,
    iin: row.iin,
    fullName: row.full_name,
    fullNameKk: row.full_name_kk,
    roles: row.roles,
    isActive: row.is_active,
  }));
}

/** Activates or deactivates a staff account; returns whether it changed. */
export async function setStaffAccountActive(
  trx: Executor,
  id: string,
  isActive: boolean,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('staff_account')
    .set({ is_active: isActive, updated_at: now })
    .where('id', '=', id)
    .where('is_active', '=', !isActive)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces the roles of a staff account. */
export async function setStaffAccountRoles(
  trx: Executor,
  id: string,
  roles: readonly string[],
  now: Date,
): Promise<void> {
  await trx
    .updateTable('staff_account')
    .set({ roles: [...roles], updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Corrects the name of a staff account (both spellings). */
export async function setStaffAccountName(
  trx: Executor,
  id: string,
  name: { fullName: string; fullNameKk: string },
  now: Date,
): Promise<void> {
  await trx
    .updateTable('staff_account')
    .set({ full_name: name.fullName, full_name_kk: name.fullNameKk, updated_at: now })
    .where('id', '=', id)
    .execute();
}
