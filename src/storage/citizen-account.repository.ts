import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

export interface CitizenAccountRow {
  id: string;
  iin: string;
  phone: string;
  passwordHash: string;
  createdAt: Date;
  passwordChangedAt: Date;
  /** How the IIN was proved; null for an unverified account registered before migration 0095. */
  identityProof: IdentityProof | null;
  identityVerifiedAt: Date | null;
}

/** How a citizen proved the IIN of the account. */
export type IdentityProof = 'mobile_registry_otp' | 'signature';

const toRow = (row: {
  id: string;
  iin: string;
  phone: string;
  password_hash: string;
  created_at: Date;
  password_changed_at: Date;
  identity_proof: IdentityProof | null;
  identity_verified_at: Date | null;
}): CitizenAccountRow => ({
  id: row.id,
  iin: row.iin,
  phone: row.phone,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  passwordChangedAt: row.password_changed_at,
  identityProof: row.identity_proof,
  identityVerifiedAt: row.identity_verified_at,
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

/** An account whose holder has just proved the IIN (ЭЦП or a code to the registry's phone). */
export interface ProvedAccount {
  iin: string;
  phone: string;
  passwordHash: string;
  identityProof: IdentityProof;
  now: Date;
}

/** Inserts an account whose IIN is proved; undefined when the IIN is already registered. */
export async function insertCitizenAccount(
  trx: Transaction<Tables>,
  account: ProvedAccount,
): Promise<CitizenAccountRow | undefined> {
  const row = await trx
    .insertInto('citizen_account')
    .values({
      iin: account.iin,
      phone: account.phone,
      password_hash: account.passwordHash,
      created_at: account.now,
      password_changed_at: account.now,
      identity_proof: account.identityProof,
      identity_verified_at: account.now,
    })
    .onConflict((conflict) => conflict.column('iin').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toRow(row);
}

/**
 * Gives an unverified account (registered before IINs were proved) to the person who has
 * just proved the IIN: new phone and password, verified. Undefined when the
 * account is verified (a proved account is never taken over).
 */
export async function claimUnverifiedCitizenAccount(
  trx: Transaction<Tables>,
  account: ProvedAccount,
): Promise<CitizenAccountRow | undefined> {
  const row = await trx
    .updateTable('citizen_account')
    .set({
      phone: account.phone,
      password_hash: account.passwordHash,
      password_changed_at: account.now,
      identity_proof: account.identityProof,
      identity_verified_at: account.now,
    })
    .where('iin', '=', account.iin)
    .where('identity_verified_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toRow(row);
}

/** Marks an unverified account as proved at sign-in, with the phone the proof went to. */
export async function markCitizenAccountVerified(
  trx: Transaction<Tables>,
  id: string,
  change: { phone: string; identityProof: IdentityProof; now: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('citizen_account')
    .set({
      phone: change.phone,
      identity_proof: change.identityProof,
      identity_verified_at: change.now,
    })
    .where('id', '=', id)
    .where('identity_verified_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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
