import { sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A throttle key's state. */
export interface LoginThrottleRow {
  readonly key: string;
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly delayedUntil: Date;
}

/** The rows of these keys that exist. */
export async function findLoginThrottles(
  db: Executor,
  keys: readonly string[],
): Promise<LoginThrottleRow[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return rows.map((row) => ({
    key: row.key,
    failures: row.failures,
    lastFailureAt: row.last_failure_at,
    delayedUntil: row.delayed_until,
  }));
}

/**
 * Counts one more consecutive failure for `key` (starting again at 1 when the last failure is
 * older than `forgetBefore`) and returns the new count. One statement, so that concurrent
 * failures on any node are all counted.
 */
export async function countLoginFailure(
  db: Executor,
  key: string,
  now: Date,
  forgetBefore: Date,
): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, last_failure_at: now, delayed_until: now })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        failures: sql<number>`case when login_throttle.last_failure_at < ${forgetBefore} then 1 else login_throttle.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** Sets until when the next attempt of `key` must wait (never earlier than already set). */
export async function delayLoginAttempts(db: Executor, key: string, until: Date): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ delayed_until: sql<Date>`greatest(delayed_until, ${until})` })
    .where('key', '=', key)
    .execute();
}

/** Forgets the failures of these keys (after a correct password or a password reset). */
export async function clearLoginThrottles(db: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

/** Forgets every key of an account: the account's own and each of its per-address keys. */
export async function clearAccountLoginThrottles(db: Executor, accountKey: string): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where((eb) =>
      eb.or([
        eb('key', '=', accountKey),
        eb('key', 'like', `${accountKey.replace(/[\\%_]/g, '\\$&')}@%`),
      ]),
    )
    .execute();
}

/**
 * Removes up to `limit` keys whose last failure is older than `before` and whose delay has
 * ended by then (housekeeping: such a key would start again at one failure anyway). Rows
 * another transaction holds are left for the next round.
 */
export async function deleteStaleLoginThrottles(
  db: Executor,
  before: Date,
  limit: number,
): Promise<number> {
  const result = await db
    .deleteFrom('login_throttle')
    .where('key', 'in', (eb) =>
      eb
        .selectFrom('login_throttle')
        .select('key')
        .where('last_failure_at', '<', before)
        .where('delayed_until', '<', before)
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
