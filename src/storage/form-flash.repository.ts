import type { Database } from './db.js';
import type { JsonObject } from './schema.js';

/** Rows of expired flashes removed by one write (housekeeping that stays bounded). */
const expiredBatch = 100;

/**
 * Keeps `payload` under `key` until `expiresAt` (replacing the key's earlier flash), after
 * removing up to a batch of expired rows. Keeps nothing and answers false when `maxRows`
 * live flashes already exist (the caller then answers without a redirect).
 */
export async function putFormFlash(
  db: Database,
  key: string,
  payload: JsonObject,
  expiresAt: Date,
  now: Date,
  maxRows: number,
): Promise<boolean> {
  await db
    .deleteFrom('form_flash')
    .where('key', 'in', (eb) =>
      eb.selectFrom('form_flash').select('key').where('expires_at', '<', now).limit(expiredBatch),
    )
    .execute();
  const { count } = await db
    .selectFrom('form_flash')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) >= maxRows) return false;
  await db
    .insertInto('form_flash')
    .values({ key, payload: JSON.stringify(payload), expires_at: expiresAt })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        payload: JSON.stringify(payload),
        expires_at: expiresAt,
      }),
    )
    .execute();
  return true;
}

/** Removes and returns the live flash under `key`, if any (read once). */
export async function takeFormFlash(
  db: Database,
  key: string,
  now: Date,
): Promise<JsonObject | undefined> {
  const row = await db
    .deleteFrom('form_flash')
    .where('key', '=', key)
    .returning(['payload', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() < now.getTime()) return undefined;
  return row.payload;
}
