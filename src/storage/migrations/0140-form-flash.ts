import { sql, type Kysely } from 'kysely';

/**
 * A refused web form kept for one redirect (post/redirect/get, issue 18 point 11): the values a
 * person posted and the errors on them, read once by the GET that follows the 303, so the back
 * button never asks to send the form again. One row per browser and page (the key is a hash of
 * the browser's anti-forgery token, its session and the page's path: nothing personal in the key
 * or in a URL), kept a few minutes, the payload bounded. Shared by every node like `rate_limit`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table form_flash (
      key text primary key check (length(key) = 64),
      payload jsonb not null check (octet_length(payload::text) <= 524288),
      expires_at timestamptz not null
    );
    create index form_flash_expires_idx on form_flash (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table form_flash`.execute(db);
}
