import { sql, type Transaction } from 'kysely';
import type { Tables } from './schema.js';

export type OtpStatus = 'pending' | 'used' | 'exhausted' | 'superseded';
export type OtpPurposeColumn = Tables['one_time_password']['purpose'];

export interface OneTimePasswordRow {
  id: string;
  phone: string;
  purpose: OtpPurposeColumn;
  citizenAccountId: string | null;
  subjectId: string | null;
  codeSalt: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
  attempts: number;
  maxAttempts: number;
  status: OtpStatus;
  usedAt: Date | null;
}

/**
 * Serialises work on one phone's codes until the transaction ends, so that concurrent
 * requests cannot both pass the send limit.
 */
export async function lockPhone(trx: Transaction<Tables>, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`otp:${phone}`}))`.execute(trx);
}

/** How many codes were sent to `phone` after `since`, and when the oldest of them was sent. */
export async function countOtpSentSince(
  trx: Transaction<Tables>,
  phone: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const row = await trx
    .selectFrom('one_time_password')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('phone', '=', phone)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest) : null };
}

/**
 * The wrong codes typed for a phone's codes sent since `since`, and when the earliest code
 * with a wrong attempt was sent (null when none).
 */
export async function countOtpWrongAttemptsSince(
  trx: Transaction<Tables>,
  phone: string,
  since: Date,
): Promise<{ wrong: number; oldest: Date | null }> {
  const row = await trx
    .selectFrom('one_time_password')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('attempts'), eb.lit(0)).as('wrong'),
      eb.fn.min('created_at').as('oldest'),
    ])
    .where('phone', '=', phone)
    .where('created_at', '>', since)
    .where('attempts', '>', 0)
    .executeTakeFirstOrThrow();
  return { wrong: Number(row.wrong), oldest: row.oldest ? new Date(row.oldest) : null };
}

/** Marks earlier pending codes for the same purpose and subject as superseded. */
export async function supersedePendingOtps(
  trx: Transaction<Tables>,
  key: { phone: string; purpose: OtpPurposeColumn; subjectId: string | null },
): Promise<void> {
  let query = trx
    .updateTable('one_time_password')
    .set({ status: 'superseded' })
    .where('phone', '=', key.phone)
    .where('purpose', '=', key.purpose)
    .where('status', '=', 'pending');
  query =
    key.subjectId === null
      ? query.where('subject_id', 'is', null)
      : query.where('subject_id', '=', key.subjectId);
  await query.execute();
}

/** Stores a new code (its hash only) and returns its id. */
export async function insertOtp(
  trx: Transaction<Tables>,
  otp: Omit<OneTimePasswordRow, 'id' | 'attempts' | 'status' | 'usedAt'>,
): Promise<string> {
  const row = await trx
    .insertInto('one_time_password')
    .values({
      phone: otp.phone,
      purpose: otp.purpose,
      citizen_account_id: otp.citizenAccountId,
      subject_id: otp.subjectId,
      code_salt: otp.codeSalt,
      code_hash: otp.codeHash,
      created_at: otp.createdAt,
      expires_at: otp.expiresAt,
      max_attempts: otp.maxAttempts,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A code by id, locked for update until the transaction ends; undefined if absent. */
export async function findOtpForUpdate(
  trx: Transaction<Tables>,
  id: string,
): Promise<OneTimePasswordRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await trx
    .selectFrom('one_time_password')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      phone: row.phone,
      purpose: row.purpose,
      citizenAccountId: row.citizen_account_id,
      subjectId: row.subject_id,
      codeSalt: row.code_salt,
      codeHash: row.code_hash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      status: row.status,
      usedAt: row.used_at,
    }
  );
}

/** Records the outcome of one attempt. */
export async function updateOtpAttempt(
  trx: Transaction<Tables>,
  id: string,
  change: { attempts: number; status: OtpStatus; usedAt?: Date },
): Promise<void> {
  await trx
    .updateTable('one_time_password')
    .set({ attempts: change.attempts, status: change.status, used_at: change.usedAt ?? null })
    .where('id', '=', id)
    .execute();
}
