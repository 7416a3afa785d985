import { sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** An outbox message claimed by one worker for one delivery attempt. */
export interface ClaimedMessage {
  id: number;
  channel: 'sms' | 'email';
  recipient: string;
  /** The e-mail's subject; null for SMS. */
  subject: string | null;
  body: string;
  /** Attempts including this one. */
  attempts: number;
}

/**
 * Claims up to `limit` due messages for this worker: rows locked by another worker are
 * skipped (`FOR UPDATE SKIP LOCKED`), and each claimed row's `next_attempt_at` moves to
 * `leaseUntil`, so no other worker picks it up while it is being sent. A worker that dies
 * mid-send leaves the row to be claimed again when the lease ends.
 */
export async function claimDueMessages(
  db: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedMessage[]> {
  const { rows } = await sql<ClaimedMessage>`
    update outbox_message
       set attempts = attempts + 1, next_attempt_at = ${leaseUntil}
     where id in (
       select id from outbox_message
        where delivered_at is null and failed_at is null and next_attempt_at <= ${now}
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
    returning id, channel, recipient, subject, body, attempts`.execute(db);
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Marks a message delivered, unless it was settled meanwhile; whether it changed. */
export async function markMessageDelivered(trx: Executor, id: number, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('outbox_message')
    .set({ delivered_at: now, last_error: null })
    .where('id', '=', id)
    .where('delivered_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a failed attempt: another try at `retryAt`, or none (`failedAt` set) when given up. */
export async function markMessageAttemptFailed(
  trx: Executor,
  id: number,
  error: string,
  outcome: { retryAt: Date } | { failedAt: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('outbox_message')
    .set({
      last_error: error.slice(0, 1000),
      ...('retryAt' in outcome
        ? { next_attempt_at: outcome.retryAt }
        : { failed_at: outcome.failedAt }),
    })
    .where('id', '=', id)
    .where('delivered_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Adds a message to the outbox (not tied to a citizen's notification). */
export async function enqueueMessage(
  trx: Executor,
  message: {
    channel: 'sms' | 'email';
    recipient: string;
    /** The e-mail's subject (kk / ru). */
    subject?: string;
    body: string;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('outbox_message')
    .values({
      notification_id: null,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? null,
      body: message.body,
      next_attempt_at: message.now,
      delivered_at: null,
      last_error: null,
      created_at: message.now,
    })
    .execute();
}

/** Counts of the outbox by state, for health and tests. */
export async function countOutbox(
  db: Executor,
): Promise<{ pending: number; delivered: number; failed: number }> {
  const row = await db
    .selectFrom('outbox_message')
    .select([
      sql<number>`count(*) filter (where delivered_at is null and failed_at is null)::int8`.as(
        'pending',
      ),
      sql<number>`count(*) filter (where delivered_at is not null)::int8`.as('delivered'),
      sql<number>`count(*) filter (where failed_at is not null)::int8`.as('failed'),
    ])
    .executeTakeFirstOrThrow();
  return row;
}
