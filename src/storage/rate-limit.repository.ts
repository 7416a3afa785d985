import { sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** The state of a key's window after counting one more hit. */
export interface RateLimitHit {
  readonly hits: number;
  readonly windowStartedAt: Date;
}

/**
 * Counts one hit for `key` in a fixed window of `windowMs`: a window older than that starts
 * over at 1. One statement, so concurrent hits on any node are all counted.
 */
export async function countRateLimitHit(
  db: Database,
  key: string,
  windowMs: number,
  now: Date,
): Promise<RateLimitHit> {
  const windowStart = new Date(now.getTime() - windowMs);
  const row = await db
    .insertInto('rate_limit')
    .values({ key, window_started_at: now, hits: 1 })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limit.window_started_at <= ${windowStart} then 1 else rate_limit.hits + 1 end`,
        window_started_at: sql<Date>`case when rate_limit.window_started_at <= ${windowStart} then ${now} else rate_limit.window_started_at end`,
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, windowStartedAt: row.window_started_at };
}

/**
 * Removes up to `limit` counters whose window started before `before` (housekeeping: the
 * caller passes a time at least the longest window ago, so no live window is lost). Rows
 * another transaction holds are left for the next round.
 */
export async function deleteExpiredRateLimits(
  db: Executor,
  before: Date,
  limit: number,
): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit')
    .where('key', 'in', (eb) =>
      eb
        .selectFrom('rate_limit')
        .select('key')
        .where('window_started_at', '<', before)
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
