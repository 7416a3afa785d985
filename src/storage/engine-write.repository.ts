import { sql, type RawBuilder, type Transaction } from 'kysely';
import { keepPrepared, type Database } from './db.js';
import type { ApplicationEvent } from '../domain/application/ApplicationEvent.js';
import {
  applicationValues,
  ConcurrentAppendError,
  eventValues,
  projectionColumns,
  type ApplicationProjection,
  receiptValues,
  type NewApplication,
  type NewCommandReceipt,
  type NewNotification,
} from './application.repository.js';
import { auditInsertOf, type AuditEventInput } from './audit.repository.js';
import type { Tables } from './schema.js';

/** Everything one engine step writes about one application. */
export interface EngineWrite {
  readonly applicationId: string;
  /** Set for a new application: its row is inserted (with `projection`) instead of updated. */
  readonly newApplication?: Omit<NewApplication, keyof ApplicationProjection>;
  /** For an existing application: the version the change was decided on. */
  readonly expectedVersion: number;
  readonly projection: ApplicationProjection;
  readonly events: readonly ApplicationEvent[];
  readonly recordedAt: Date;
  /** Cabinet notifications; each also queues `smsBody` when its recipient has an account. */
  readonly notifications: readonly { notification: NewNotification; smsBody: string }[];
  readonly audit: readonly AuditEventInput[];
  /** The command's receipt, when the whole command is this one statement (no transaction). */
  readonly receipt?: NewCommandReceipt;
}

/**
 * Writes an engine step as ONE statement (data-modifying CTEs): the application row (inserted,
 * or its projection updated only if still at `expectedVersion`), the log entries, the
 * notifications and their SMS (to the phone of the recipient's citizen account, when there
 * is one), the unchained audit rows and, when given, the command's receipt. One round trip
 * instead of one per row kind; a single statement is atomic on its own, so a command that is
 * only this statement needs no transaction.
 * @throws ConcurrentAppendError when another command advanced the application first.
 */
export async function writeEngineChanges(
  trx: Database | Transaction<Tables>,
  write: EngineWrite,
): Promise<void> {
  const parts: RawBuilder<unknown>[] = [];
  const add = (name: string, query: { toOperationNode(): unknown }) =>
    parts.push(sql`${sql.id(name)} as (${query as never})`);

  add(
    'target',
    write.newApplication
      ? trx
          .insertInto('application')
          .values(applicationValues({ ...write.newApplication, ...write.projection }))
          .returning('id')
      : trx
          .updateTable('application')
          .set(projectionColumns(write.projection))
          .where('id', '=', write.applicationId)
          .where('version', '=', write.expectedVersion)
          .returning('id'),
  );
  if (write.events.length > 0)
    add(
      'events',
      trx
        .insertInto('application_event')
        .values(eventValues(write.applicationId, write.events, write.recordedAt)),
    );
  if (write.notifications.length > 0) {
    add(
      'notifications',
      trx.insertInto('notification').values(
        write.notifications.map(({ notification }) => ({
          id: notification.id,
          application_id: notification.applicationId,
          recipient_iin: notification.recipientIin,
          kind: notification.kind,
          status: notification.status,
          message: JSON.stringify(notification.message),
          created_at: notification.createdAt,
          read_at: null,
        })),
      ),
    );
    write.notifications.forEach(({ notification, smsBody }, index) =>
      add(
        `sms_${index}`,
        trx
          .insertInto('outbox_message')
          .columns([
            'notification_id',
            'channel',
            'recipient',
            'body',
            'next_attempt_at',
            'created_at',
          ])
          .expression(
            trx
              .selectFrom('citizen_account')
              .select([
                sql<string>`${notification.id}::uuid`.as('notification_id'),
                sql<string>`'sms'`.as('channel'),
                'phone',
                sql<string>`${smsBody}::text`.as('body'),
                sql<Date>`${notification.createdAt}::timestamptz`.as('next_attempt_at'),
                sql<Date>`${notification.createdAt}::timestamptz`.as('created_at'),
              ])
              .where('iin', '=', notification.recipientIin),
          ),
      ),
    );
  }
  if (write.audit.length > 0)
    add('audit', trx.insertInto('audit_event').values(auditInsertOf(write.audit).values));
  if (write.receipt)
    add('receipt', trx.insertInto('command_receipt').values(receiptValues(write.receipt)));

  try {
    const statement = sql<{ changed: number }>`
      with ${sql.join(parts)} select count(*)::int4 as changed from target`.compile(trx);
    // Kept prepared on each PostgreSQL connection: parsed and planned once per connection, not
    // for every command (it planned for longer than it ran). One text per shape — how many
    // events, notifications and audit rows; a new or an existing application; with or without
    // a receipt — a few dozen at most.
    keepPrepared(statement.sql);
    const { rows } = await trx.executeQuery(statement);
    if (rows[0]?.changed !== 1) throw new ConcurrentAppendError(write.applicationId);
  } catch (error) {
    // A duplicate (application, sequence): a concurrent command appended first. (A duplicate
    // receipt is the caller's to answer: a retry.)
    const failure = error as { code?: string; constraint?: string };
    if (failure.code === '23505' && failure.constraint !== 'command_receipt_pkey')
      throw new ConcurrentAppendError(write.applicationId);
    throw error;
  }
}
