import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** The staff account of `iin` in an organisation, if any. */
export async function findStaffAccountIdByIin(
  db: Executor,
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

/** Sets a staff account's password hash only when it has none; whether it changed. */
export async function setStaffPasswordIfUnset(
  trx: Executor,
  staffId: string,
  passwordHash: string,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('staff_account')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', staffId)
    .where('password_hash', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the database holds no application and no organisation yet (a first start). */
export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const [application, organisation] = await Promise.all([
    db.selectFrom('application').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('organisation').select('id').limit(1).executeTakeFirst(),
  ]);
  return !application && !organisation;
}

/** How many applications are in each status. */
export async function countApplicationsByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('application')
    .select(['status', db.fn.countAll<number>().as('count')])
    .groupBy('status')
    .orderBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
