import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { deliverOutbox } from '../../src/features/notifications/deliver-outbox.js';
import { watchDeadlines } from '../../src/features/deadlines/watch-deadlines.js';
import { createDeliveryAdapters } from '../../src/integrations/messaging/create-delivery-adapters.js';
import { createMessageSender } from '../../src/integrations/messaging/message-sender.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { enqueueMessage } from '../../src/storage/outbox.repository.js';
import { createOrganisation, createStaff, manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { jobServices } from '../support/jobs.js';

/** A mail relay on the loopback: records logins and parsed messages; `rcpt` decides per address. */
async function startRelay(port = 0) {
  const received: ParsedMail[] = [];
  const logins: string[] = [];
  let rcpt: (address: string) => number | undefined = () => undefined;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(`${auth.username}:${auth.password}`);
      if (auth.username !== 'qyzmet' || auth.password !== 'relay-secret') {
        callback(new Error('Invalid credentials'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const code = rcpt(address.address);
      if (code) {
        callback(Object.assign(new Error(`refused ${code}`), { responseCode: code }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    logins,
    refuseWith(next: (address: string) => number | undefined) {
      rcpt = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const senderFor = (port: number, extra: Record<string, string> = {}) =>
  createMessageSender(
    createDeliveryAdapters(
      loadConfig({
        NODE_ENV: 'test',
        SMTP_URL: `smtp://qyzmet:relay-secret@127.0.0.1:${port}`,
        SMTP_FROM: 'Qyzmet <noreply@qyzmet.example.kz>',
        DELIVERY_TIMEOUT_MS: '1000',
        ...extra,
      }).delivery,
      pino({ level: 'silent' }),
    ),
  );

describe(`e-mail over SMTP through the outbox on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  const clock = manualClock('2019-04-01T04:00:00Z');
  const delivery = { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 30 * 60_000 };

  const rowOf = (recipient: string) =>
    database.db
      .selectFrom('outbox_message')
      .selectAll()
      .where('recipient', '=', recipient)
      .executeTakeFirstOrThrow();
  const actions = async (id: number) =>
    (
      await listAuditEvents(database.db, { subjectType: 'outbox_message', subjectId: String(id) })
    ).map((event) => event.action);
  const enqueue = (recipient: string) =>
    database.db.transaction().execute((trx) =>
      enqueueMessage(trx, {
        channel: 'email',
        recipient,
        subject: 'Тест / Тест',
        body: 'Сәлем\nЗдравствуйте',
        now: clock.now(),
      }),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay?.close();
    await database?.close();
  });

  it('sends the escalation e-mail with its subject, kk/ru text and no internal codes, once', async () => {
    await createOrganisation(database, {
      id: 'kst-school-mail',
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
      email: 'office@kst-school.example.kz',
    });
    const registry = await createStaff(database, 'kst-school-mail', 'kostanay', [
      'registry_office',
    ]);
    await createStaff(database, 'kst-school-mail', 'kostanay', ['head']);
    const services = jobServices(database, clock.now, {
      delivery,
      deadlines: { escalateAfterMs: 0 },
    });
    const { applicationId, number } = await submitApplication(services, registry, {
      idempotencyKey: 'smtp-submit',
      serviceCode: 'duplicates',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'kst-school-mail',
      fields: { 'applicant-iin': '900101300007' },
    });
    clock.set('2019-04-01T04:10:00Z');
    const registered = await completeStep(services, registry, {
      idempotencyKey: 'smtp-register',
      applicationId,
      stepId: 'register',
    });
    // The head's step is due at 14:40 Kostanay time (08:40Z); an hour after, it is escalated.
    expect(registered.stepDueAt).toBe('2019-04-01T08:40:00.000Z');
    clock.set('2019-04-01T09:40:00Z');
    expect((await watchDeadlines(services)).escalations).toBe(1);

    const sender = senderFor(relay.port);
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, delivered: 1 });
    expect(relay.received).toHaveLength(1);
    const mail = relay.received[0]!;
    const row = await rowOf('office@kst-school.example.kz');
    expect(mail.subject).toBe(`№${number} өтініш мерзімі өтті / Просрочено заявление №${number}`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : mail.to).toBe(
      'office@kst-school.example.kz',
    );
    expect(mail.from?.value).toEqual([{ address: 'noreply@qyzmet.example.kz', name: 'Qyzmet' }]);
    expect(mail.messageId).toBe(`<qyzmet-outbox-${row.id}@qyzmet.example.kz>`);
    const text = mail.text ?? '';
    expect(text.trim()).toBe(
      [
        `№${number} өтініш: рәсімнің мерзімі өтіп кетті (01.04.2019 14:40).`,
        `Заявление №${number}: просрочен срок процедуры (01.04.2019 14:40).`,
      ].join('\n'),
    );
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b|\d{4}-\d\d-\d\dT|register|step|total/);
    expect(relay.logins).toEqual(['qyzmet:relay-secret']);
    expect(await actions(Number(row.id))).toEqual(['outbox_message.delivered']);

    // Later rounds send nothing again.
    clock.set('2019-04-02T09:40:00Z');
    expect((await deliverOutbox(services, sender)).claimed).toBe(0);
    expect(relay.received).toHaveLength(1);
  });

  it('relay down, then 451: retried with backoff, delivered once when it accepts', async () => {
    clock.set('2019-04-03T04:00:00Z');
    const services = jobServices(database, clock.now, { delivery });
    const sender = senderFor(relay.port);
    const port = relay.port;
    await enqueue('busy@example.kz');

    await relay.close();
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, retried: 1 });
    let row = await rowOf('busy@example.kz');
    expect(row).toMatchObject({ attempts: 1, delivered_at: null, failed_at: null });
    expect(row.last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
    expect(row.next_attempt_at.toISOString()).toBe('2019-04-03T04:01:00.000Z');

    relay = await startRelay(port);
    relay.refuseWith(() => 451);
    clock.set('2019-04-03T04:01:00Z');
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, retried: 1 });
    row = await rowOf('busy@example.kz');
    expect(row.last_error).toMatch(/^SMTP 451/);
    expect(row.next_attempt_at.toISOString()).toBe('2019-04-03T04:03:00.000Z');

    relay.refuseWith(() => undefined);
    clock.set('2019-04-03T04:03:00Z');
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, delivered: 1 });
    clock.set('2019-04-04T04:03:00Z');
    expect((await deliverOutbox(services, sender)).claimed).toBe(0);
    // The restarted relay got exactly one message.
    expect(relay.received).toHaveLength(1);
    expect(relay.received[0]!.subject).toBe('Тест / Тест');
    expect(relay.received[0]!.text?.trim()).toBe('Сәлем\nЗдравствуйте');
    row = await rowOf('busy@example.kz');
    expect(row).toMatchObject({ attempts: 3, failed_at: null, last_error: null });
    expect(await actions(Number(row.id))).toEqual([
      'outbox_message.attempt_failed',
      'outbox_message.attempt_failed',
      'outbox_message.delivered',
    ]);
  });

  it('550 is a refusal for good: recorded at once, never retried; wrong credentials are retried', async () => {
    clock.set('2019-04-05T04:00:00Z');
    const services = jobServices(database, clock.now, { delivery });
    relay.refuseWith((address) => (address === 'nobody@example.kz' ? 550 : undefined));
    await enqueue('nobody@example.kz');
    expect(await deliverOutbox(services, senderFor(relay.port))).toMatchObject({
      claimed: 1,
      failed: 1,
    });
    const refused = await rowOf('nobody@example.kz');
    expect(refused).toMatchObject({ attempts: 1, delivered_at: null });
    expect(refused.failed_at?.toISOString()).toBe('2019-04-05T04:00:00.000Z');
    expect(refused.last_error).toMatch(/^SMTP 550/);
    expect(await actions(Number(refused.id))).toEqual(['outbox_message.refused']);

    await enqueue('head@example.kz');
    const wrongPassword = senderFor(relay.port, {
      SMTP_URL: `smtp://qyzmet:wrong-secret@127.0.0.1:${relay.port}`,
    });
    clock.set('2019-04-06T04:00:00Z');
    expect(await deliverOutbox(services, wrongPassword)).toMatchObject({
      claimed: 1,
      retried: 1,
    });
    expect((await rowOf('head@example.kz')).failed_at).toBeNull();
    clock.set('2019-04-07T04:00:00Z');
    // The refused one is never claimed again; the other goes once the password is right.
    expect(await deliverOutbox(services, senderFor(relay.port))).toMatchObject({
      claimed: 1,
      delivered: 1,
    });
    expect((await rowOf('nobody@example.kz')).attempts).toBe(1);
  });

  it('a relay that never answers is a timeout after DELIVERY_TIMEOUT_MS, retried', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      clock.set('2019-04-08T04:00:00Z');
      const services = jobServices(database, clock.now, { delivery });
      await enqueue('slow@example.kz');
      const started = Date.now();
      expect(
        await deliverOutbox(services, senderFor((silent.address() as AddressInfo).port)),
      ).toMatchObject({ claimed: 1, retried: 1 });
      expect(Date.now() - started).toBeLessThan(15_000);
      const row = await rowOf('slow@example.kz');
      expect(row).toMatchObject({ attempts: 1, failed_at: null });
      expect(row.last_error).toMatch(/ETIMEDOUT|Greeting never received/i);
    } finally {
      silent.close();
    }
  });
});
