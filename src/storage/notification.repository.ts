import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { JsonObject, Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** A cabinet notification as the recipient sees it. */
export interface NotificationRow {
  id: string;
  position: number;
  applicationId: string;
  applicationNumber: string;
  kind: string;
  status: string;
  message: JsonObject;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * The notifications addressed to a citizen, newest first, with keyset paging on the
 * position (`before`: the position of the last row of the previous page).
 */
export async function listRecipientNotifications(
  db: Executor,
  recipientIin: string,
  before: number | undefined,
  limit: number,
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom('notification')
    .innerJoin('application', 'application.id', 'notification.application_id')
    .select([
      'notification.id',
      'notification.position',
      'notification.application_id',
      'application.number',
      'notification.kind',
      'notification.status',
      'notification.message',
      'notification.created_at',
      'notification.read_at',
    ])
    .where('notification.recipient_iin', '=', recipientIin)
    .orderBy('notification.position', 'desc')
    .limit(limit);
  if (before !== undefined) query = query.where('notification.position', '<', before);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    position: Number(row.position),
    applicationId: row.application_id,
    applicationNumber: row.number,
    kind: row.kind,
    status: row.status,
    message: row.message,
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

/** How many notifications of a citizen are unread. */
export async function countUnreadNotifications(db: Executor, recipientIin: string) {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('recipient_iin', '=', recipientIin)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * Marks the recipient's notification read (once). Returns what was marked, or undefined
 * when the notification is not the recipient's or was already read: nothing changes then.
 */
export async function markNotificationRead(
  trx: Executor,
  id: string,
  recipientIin: string,
  now: Date,
): Promise<{ id: string; applicationId: string } | undefined> {
  const row = await trx
    .updateTable('notification')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('recipient_iin', '=', recipientIin)
    .where('read_at', 'is', null)
    .returning(['id', 'application_id'])
    .executeTakeFirst();
  return row && { id: row.id, applicationId: row.application_id };
}

/** Whether the recipient has this notification (read or not). */
export async function hasNotification(db: Executor, id: string, recipientIin: string) {
  const row = await db
    .selectFrom('notification')
    .select('id')
    .where('id', '=', id)
    .where('recipient_iin', '=', recipientIin)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks read every unread notification of the recipient up to `upToPosition` (the newest the
 * recipient was shown: one arriving later stays unread). Returns the ids marked.
 */
export async function markNotificationsReadUpTo(
  trx: Executor,
  recipientIin: string,
  upToPosition: number,
  now: Date,
): Promise<string[]> {
  const rows = await trx
    .updateTable('notification')
    .set({ read_at: now })
    .where('recipient_iin', '=', recipientIin)
    .where('read_at', 'is', null)
    .where('position', '<=', upToPosition)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}
