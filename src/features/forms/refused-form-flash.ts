import { createHash } from 'node:crypto';
import type { Database } from '../../storage/db.js';
import { putFormFlash, takeFormFlash } from '../../storage/form-flash.repository.js';
import type { JsonObject } from '../../storage/schema.js';

/** How long a refused form waits for the GET that follows its redirect. */
export const formFlashTtlMs = 5 * 60_000;
/** At most this many refused forms are kept at once (beyond it a refusal is shown at once). */
export const formFlashMaxRows = 10_000;
/** The largest refused form kept, as JSON (a larger one is shown at once, without redirect). */
export const formFlashMaxBytes = 512 * 1024;

/**
 * The key of a browser's refused form on one page: a SHA-256 of the browser's anti-forgery
 * token, its session cookie (empty before sign-in) and the page's path, so that only the same
 * browser, in the same session, reading the same page finds it.
 */
export function formFlashKey(browserToken: string, session: string, path: string): string {
  return createHash('sha256').update(`${browserToken}\n${session}\n${path}`).digest('hex');
}

/**
 * Keeps a refused form (post/redirect/get, issue 18 point 11) for the GET after the redirect.
 * Answers false when it cannot be kept (too large, or too many kept): the caller then shows
 * the refusal at once, as before.
 */
export async function keepRefusedForm(
  db: Database,
  key: string,
  form: JsonObject,
  now: Date,
): Promise<boolean> {
  if (Buffer.byteLength(JSON.stringify(form)) > formFlashMaxBytes) return false;
  return putFormFlash(
    db,
    key,
    form,
    new Date(now.getTime() + formFlashTtlMs),
    now,
    formFlashMaxRows,
  );
}

/** The refused form kept under `key`, removed as it is read; undefined if none or expired. */
export function takeRefusedForm(
  db: Database,
  key: string,
  now: Date,
): Promise<JsonObject | undefined> {
  return takeFormFlash(db, key, now);
}
