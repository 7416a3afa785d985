import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

export interface CitizenAccountRow {
  id: string;
  iin: string;
  phone: string;
  passwordHash: string;
  failedLoginCount: number;
  lockedUntil: Date | null;
  createdAt: Date;
  passwordChangedAt: Date;
}

const toRow = (row: {
  id: string;
  iin: string;
  phone: string;
  password_hash: string;
  failed_login_count: number;
  locked_until: Date | null;
  created_at: Date;
  password_changed_at: Date;
}): CitizenAccountRow => ({
  id: row.id,
  iin: row.iin,
  phone: row.phone,
  passwordHash: row.password_hash,
  failedLoginCount: row.failed_login_count,
  lockedUntil: row.locked_until,
  createdAt: row.created_at,
  passwordChangedAt: row.password_changed_at,
});

/** The account registered with this IIN, or undefined. */
export async function findCitizenAccountByIin(
  db: Executor,
  iin: string,
): Promise<CitizenAccountRow | undefined> {
  const row = await db
    .selectFrom('citizen_account')
    .selectAll()
    .where('iin', '=', iin)
    .executeTakeFirst();
  return row && toRow(row);
}

/** The account with this id, or undefined. */
export async function findCitizenAccount(
  db: Executor,
  id: string,
): Promise<CitizenAccountRow | undefined> {
  const row = await db
    .selectFrom('citizen_account')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRow(row);
}

/** Inserts an account; undefined when the IIN is already registered. */
export async function insertCitizenAccount(
  trx: Transaction<Tables>,
  account: { iin: string; phone: string; passwordHash: string; now: Date },
): Promise<CitizenAccountRow | undefined> {
  const row = await trx
    .insertInto('citizen_account')
    .values({
      iin: account.iin,
      phone: account.phone,
      password_hash: account.passwordHash,
      created_at: account.now,
      password_changed_at: account.now,
    })
    .onConflict((conflict) => conflict.column('iin').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toRow(row);
}

/** Replaces the password hash. */
export async function updateCitizenPassword(
  trx: Transaction<Tables>,
  id: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('citizen_account')
    .set({ password_hash: passwordHash, password_changed_at: now })
    .where('id', '=', id)
    .execute();
}
