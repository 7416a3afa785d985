import { sql, type Kysely } from 'kysely';

/**
 * The referral's document (issue 19): the signed PDF with its QR code, verifiable at /verify,
 * issued when the parent accepts an offer. Null for offers not accepted (and for referrals
 * accepted before this migration, issued on their first download).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table queue_offer add column referral_document_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table queue_offer drop column referral_document_id`.execute(db);
}
