import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/features/notifications/deliver-outbox.js';
import { createBackgroundJobs } from '../../src/jobs/background-jobs.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import type {
  MessageSender,
  OutgoingMessage,
} from '../../src/integrations/messaging/message-sender.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { enqueueMessage } from '../../src/storage/outbox.repository.js';
import { manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { jobServices } from '../support/jobs.js';

/** A sender that fails the first `failures` attempts per recipient, then accepts. */
function flakySender(failures: number) {
  const attempts = new Map<string, number>();
  const delivered: OutgoingMessage[] = [];
  const sender: MessageSender = {
    async send(message) {
      const count = (attempts.get(message.recipient) ?? 0) + 1;
      attempts.set(message.recipient, count);
      if (count <= failures) throw new Error(`gateway unavailable (attempt ${count})`);
      delivered.push(message);
    },
  };
  return { sender, delivered, attempts };
}

async function outboxRow(database: DatabaseHandle, recipient: string) {
  return database.db
    .selectFrom('outbox_message')
    .selectAll()
    .where('recipient', '=', recipient)
    .executeTakeFirstOrThrow();
}

describe(`outbox delivery on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2026-01-05T06:00:00Z');
  const delivery = { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 10 * 60_000 };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('retries with exponential backoff, then delivers once', async () => {
    const services = jobServices(database, clock.now, { delivery });
    await database.db.transaction().execute((trx) =>
      enqueueMessage(trx, {
        channel: 'sms',
        recipient: '+77010000101',
        body: 'x',
        now: clock.now(),
      }),
    );
    const { sender, delivered } = flakySender(2);

    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, retried: 1 });
    let row = await outboxRow(database, '+77010000101');
    // First retry one base delay later.
    expect(row).toMatchObject({ attempts: 1, delivered_at: null, failed_at: null });
    expect(row.next_attempt_at.toISOString()).toBe('2026-01-05T06:01:00.000Z');
    expect(row.last_error).toContain('gateway unavailable');

    // Not due yet: nothing is claimed.
    clock.set('2026-01-05T06:00:59Z');
    expect((await deliverOutbox(services, sender)).claimed).toBe(0);

    clock.set('2026-01-05T06:01:00Z');
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, retried: 1 });
    row = await outboxRow(database, '+77010000101');
    // Second retry twice the base delay later.
    expect(row.next_attempt_at.toISOString()).toBe('2026-01-05T06:03:00.000Z');

    clock.set('2026-01-05T06:03:00Z');
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, delivered: 1 });
    row = await outboxRow(database, '+77010000101');
    expect(row).toMatchObject({ attempts: 3, failed_at: null, last_error: null });
    expect(row.delivered_at?.toISOString()).toBe('2026-01-05T06:03:00.000Z');
    expect(delivered).toHaveLength(1);

    clock.set('2026-01-05T07:00:00Z');
    expect((await deliverOutbox(services, sender)).claimed).toBe(0);
    const audit = await listAuditEvents(database.db, {
      subjectType: 'outbox_message',
      subjectId: String(row.id),
    } as never);
    expect(audit.map((entry) => entry.action)).toEqual([
      'outbox_message.attempt_failed',
      'outbox_message.attempt_failed',
      'outbox_message.delivered',
    ]);
    // The phone number is masked in the audit trail.
    expect(JSON.stringify(audit[2]!.details)).not.toContain('+77010000101');
  });

  it('gives up after the last attempt, marks the message failed and keeps it', async () => {
    const services = jobServices(database, clock.now, { delivery });
    clock.set('2026-01-06T06:00:00Z');
    await database.db.transaction().execute((trx) =>
      enqueueMessage(trx, {
        channel: 'email',
        recipient: 'head@example.kz',
        body: 'y',
        now: clock.now(),
      }),
    );
    const { sender } = flakySender(100);
    const outcomes = [];
    for (const at of ['06:00:00', '06:01:00', '06:03:00', '06:07:00', '08:00:00']) {
      clock.set(`2026-01-06T${at}Z`);
      outcomes.push(await deliverOutbox(services, sender));
    }
    expect(outcomes.map((round) => [round.retried, round.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
      [0, 0],
    ]);
    const row = await outboxRow(database, 'head@example.kz');
    expect(row).toMatchObject({ attempts: 3, delivered_at: null });
    expect(row.failed_at?.toISOString()).toBe('2026-01-06T06:03:00.000Z');
    const audit = await listAuditEvents(database.db, {
      subjectType: 'outbox_message',
      subjectId: String(row.id),
    } as never);
    expect(audit.at(-1)).toMatchObject({ action: 'outbox_message.failed' });
  });

  it('two runners on one database never deliver a message twice', async () => {
    clock.set('2026-01-07T06:00:00Z');
    const count = 120;
    await database.db.transaction().execute(async (trx) => {
      for (let index = 0; index < count; index += 1) {
        await enqueueMessage(trx, {
          channel: 'sms',
          recipient: `+7702${String(index).padStart(7, '0')}`,
          body: `message ${index}`,
          now: clock.now(),
        });
      }
    });
    const deliveries: { worker: string; recipient: string }[] = [];
    const senderOf = (worker: string): MessageSender => ({
      async send(message) {
        // Yield, so that the other runner claims while this one sends.
        await new Promise((resolve) => setImmediate(resolve));
        deliveries.push({ worker, recipient: message.recipient });
      },
    });
    const logger = pino({ level: 'silent' });
    const runnerOf = (worker: string) => {
      const services = jobServices(database, clock.now, {
        delivery: { ...delivery, batchSize: 10 },
      });
      return createJobRunner({
        jobs: createBackgroundJobs(services, senderOf(worker)).filter(
          (job) => job.name === 'outbox',
        ),
        logger,
        now: clock.now,
        pollMs: 1_000,
      });
    };
    const [first, second] = await Promise.all([runnerOf('a').runOnce(), runnerOf('b').runOnce()]);
    expect(first.outbox! + second.outbox!).toBe(count);
    const recipients = deliveries.map((delivery) => delivery.recipient);
    expect(new Set(recipients).size).toBe(count);
    expect(recipients).toHaveLength(count);
    // Both runners took a share of the work.
    expect(deliveries.some((delivery) => delivery.worker === 'a')).toBe(true);
    expect(deliveries.some((delivery) => delivery.worker === 'b')).toBe(true);
    const pending = await database.db
      .selectFrom('outbox_message')
      .select('id')
      .where('delivered_at', 'is', null)
      .where('failed_at', 'is', null)
      .execute();
    expect(pending).toHaveLength(0);
  });
});
