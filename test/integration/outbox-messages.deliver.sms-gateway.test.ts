import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { deliverOutbox } from '../../src/features/notifications/deliver-outbox.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { createDeliveryAdapters } from '../../src/integrations/messaging/create-delivery-adapters.js';
import { createMessageSender } from '../../src/integrations/messaging/message-sender.js';
import { DeliveryError } from '../../src/integrations/messaging/delivery-error.js';
import { toDomainError, errorTable } from '../../src/http/error-table.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { enqueueMessage } from '../../src/storage/outbox.repository.js';
import { createOrganisation, createStaff, manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { jobServices } from '../support/jobs.js';

/** What the stub gateway got: headers and the parsed JSON body. */
interface GatewayRequest {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}
type Answer = { status: number; headers?: Record<string, string> } | 'hang';

/**
 * A local SMS gateway over HTTP: records every request, answers as `answer` says, and — like a
 * real gateway honouring Idempotency-Key — accepts each key once.
 */
async function startGateway(port = 0) {
  const requests: GatewayRequest[] = [];
  const accepted = new Map<string, GatewayRequest>();
  let answer: (request: GatewayRequest) => Answer = () => ({ status: 202 });
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: GatewayRequest = {
        method: req.method ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      };
      requests.push(request);
      const reply = answer(request);
      if (reply === 'hang') {
        hanging.push(res);
        return;
      }
      if (reply.status >= 200 && reply.status < 300) {
        accepted.set(String(req.headers['idempotency-key']), request);
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify({ ok: reply.status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    accepted,
    answerWith(next: (request: GatewayRequest) => Answer) {
      answer = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe(`SMS over HTTP to the configured gateway, through the outbox, on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  const clock = manualClock('2019-04-01T04:00:00Z');
  const logger = pino({ level: 'silent' });
  const delivery = { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 30 * 60_000 };
  let sender: ReturnType<typeof createMessageSender>;

  const row = (id: number) =>
    database.db
      .selectFrom('outbox_message')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const actions = async (id: number) =>
    (
      await listAuditEvents(database.db, { subjectType: 'outbox_message', subjectId: String(id) })
    ).map((event) => event.action);
  const enqueue = async (recipient: string, body: string) => {
    await database.db
      .transaction()
      .execute((trx) => enqueueMessage(trx, { channel: 'sms', recipient, body, now: clock.now() }));
    const found = await database.db
      .selectFrom('outbox_message')
      .select('id')
      .where('recipient', '=', recipient)
      .executeTakeFirstOrThrow();
    return Number(found.id);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    gateway = await startGateway();
    // The adapters exactly as an installation gets them from its environment.
    const config = loadConfig({
      NODE_ENV: 'test',
      SMS_GATEWAY_URL: `http://127.0.0.1:${gateway.port}/v1/sms`,
      SMS_GATEWAY_TOKEN: 'test-gateway-token-1',
      SMS_GATEWAY_SENDER: 'QYZMET',
      DELIVERY_TIMEOUT_MS: '1000',
    });
    sender = createMessageSender(createDeliveryAdapters(config.delivery, logger));
  });
  afterAll(async () => {
    await gateway?.close();
    await database?.close();
  });

  it('posts a citizen notification as JSON with the bearer token and a stable key, once', async () => {
    await createOrganisation(database, {
      id: 'kst-school-sms',
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
    const registry = await createStaff(database, 'kst-school-sms', 'kostanay', ['registry_office']);
    const phone = '+77010000551';
    await sql`
      insert into citizen_account (iin, phone, password_hash, created_at, password_changed_at,
        identity_proof, identity_verified_at)
      values ('900101300007', ${phone}, 'x', now(), now(), 'mobile_registry_otp', now())`.execute(
      database.db,
    );
    const services = jobServices(database, clock.now, { delivery });
    const { number } = await submitApplication(services, registry, {
      idempotencyKey: 'sms-gateway-submit',
      serviceCode: 'duplicates',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'kst-school-sms',
      fields: { 'applicant-iin': '900101300007' },
    });
    const queued = await database.db
      .selectFrom('outbox_message')
      .selectAll()
      .where('recipient', '=', phone)
      .execute();
    expect(queued.length).toBeGreaterThan(0);

    const round = await deliverOutbox(services, sender);
    expect(round).toMatchObject({ claimed: queued.length, delivered: queued.length });
    expect(gateway.requests).toHaveLength(queued.length);
    const first = gateway.requests[0]!;
    const id = Number(queued[0]!.id);
    expect(first.method).toBe('POST');
    expect(first.headers.authorization).toBe('Bearer test-gateway-token-1');
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['idempotency-key']).toBe(`qyzmet-outbox-${id}`);
    expect(first.body).toEqual({
      to: phone,
      text: queued[0]!.body,
      sender: 'QYZMET',
      reference: `qyzmet-outbox-${id}`,
    });
    const text = String(first.body.text);
    // Kazakh, then Russian; the application's number; no internal code or machine time.
    expect(text).toContain(`№${number} өтініш`);
    expect(text).toContain(`Заявление №${number}`);
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b|\d{4}-\d\d-\d\dT|undefined|null/);

    expect((await row(id)).delivered_at).toBeInstanceOf(Date);
    expect(await actions(id)).toEqual(['outbox_message.delivered']);
    // Later rounds send nothing again.
    clock.set('2019-04-01T06:00:00Z');
    expect((await deliverOutbox(services, sender)).claimed).toBe(0);
    expect(gateway.requests).toHaveLength(queued.length);
  });

  it('down, 503, then no answer: retried with backoff under one key, delivered once when it answers', async () => {
    clock.set('2019-04-02T04:00:00Z');
    const services = jobServices(database, clock.now, { delivery });
    const id = await enqueue('+77010000552', 'Код: 123456');
    const port = gateway.port;
    const before = gateway.requests.length;

    // 1. The gateway is down: the connection is refused.
    await gateway.close();
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, retried: 1 });
    let current = await row(id);
    expect(current).toMatchObject({ attempts: 1, delivered_at: null, failed_at: null });
    expect(current.last_error).toMatch(/SMS gateway unreachable/);
    expect(current.next_attempt_at.toISOString()).toBe('2019-04-02T04:01:00.000Z');

    // 2. Back, but busy: 503 with Retry-After 300 s, longer than the backoff (2 min).
    gateway = await startGateway(port);
    gateway.answerWith(() => ({ status: 503, headers: { 'retry-after': '300' } }));
    clock.set('2019-04-02T04:01:00Z');
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, retried: 1 });
    current = await row(id);
    expect(current.last_error).toBe('SMS gateway answered 503');
    expect(current.next_attempt_at.toISOString()).toBe('2019-04-02T04:06:00.000Z');

    // 3. Hung: no answer within DELIVERY_TIMEOUT_MS (1 s).
    gateway.answerWith(() => 'hang');
    clock.set('2019-04-02T04:06:00Z');
    const started = Date.now();
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, retried: 1 });
    expect(Date.now() - started).toBeLessThan(10_000);
    current = await row(id);
    expect(current.last_error).toBe('SMS gateway: no answer within 1000 ms');
    expect(current.next_attempt_at.toISOString()).toBe('2019-04-02T04:10:00.000Z');

    // 4. Answers: delivered, once.
    gateway.answerWith(() => ({ status: 200 }));
    clock.set('2019-04-02T04:10:00Z');
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, delivered: 1 });
    clock.set('2019-04-03T04:10:00Z');
    expect((await deliverOutbox(services, sender)).claimed).toBe(0);

    const attempts = gateway.requests.slice(before);
    // The hung attempt and the accepted one (the refused connection and the 503 went to the
    // gateway's previous life or were answered 503).
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((request) => request.headers['idempotency-key']))).toEqual(
      new Set([`qyzmet-outbox-${id}`]),
    );
    expect([...gateway.accepted.keys()]).toEqual([`qyzmet-outbox-${id}`]);
    current = await row(id);
    expect(current).toMatchObject({ attempts: 4, failed_at: null, last_error: null });
    expect(await actions(id)).toEqual([
      'outbox_message.attempt_failed',
      'outbox_message.attempt_failed',
      'outbox_message.attempt_failed',
      'outbox_message.delivered',
    ]);
  });

  it('a refusal for good (400, 422) is recorded at once and never retried; a refused token is retried', async () => {
    clock.set('2019-04-04T04:00:00Z');
    const services = jobServices(database, clock.now, { delivery });
    const invalid = await enqueue('+77010000553', 'a');
    const rejected = await enqueue('+77010000554', 'b');
    const unauthorised = await enqueue('+77010000555', 'c');
    const statusFor: Record<string, number> = {
      '+77010000553': 400,
      '+77010000554': 422,
      '+77010000555': 401,
    };
    gateway.answerWith((request) => ({ status: statusFor[String(request.body.to)] ?? 500 }));
    expect(await deliverOutbox(services, sender)).toMatchObject({
      claimed: 3,
      failed: 2,
      retried: 1,
    });
    for (const [id, status] of [
      [invalid, 400],
      [rejected, 422],
    ] as const) {
      const refused = await row(id);
      expect(refused).toMatchObject({ attempts: 1, delivered_at: null });
      expect(refused.failed_at?.toISOString()).toBe('2019-04-04T04:00:00.000Z');
      expect(refused.last_error).toBe(`SMS gateway answered ${status}`);
      expect(await actions(id)).toEqual(['outbox_message.refused']);
      const [audit] = await listAuditEvents(database.db, {
        subjectType: 'outbox_message',
        subjectId: String(id),
      });
      // The phone is masked in the audit trail.
      expect(JSON.stringify(audit!.details)).not.toContain(
        String(id === invalid ? '+77010000553' : '+77010000554'),
      );
    }
    const retried = await row(unauthorised);
    expect(retried).toMatchObject({ attempts: 1, failed_at: null });
    expect(retried.last_error).toBe('SMS gateway answered 401');

    // A day later only the retried one is tried again.
    const before = gateway.requests.length;
    gateway.answerWith(() => ({ status: 201 }));
    clock.set('2019-04-05T04:00:00Z');
    expect(await deliverOutbox(services, sender)).toMatchObject({ claimed: 1, delivered: 1 });
    expect(gateway.requests.slice(before).map((request) => request.body.to)).toEqual([
      '+77010000555',
    ]);
  });

  it('a one-time code the gateway did not take is a localised, retryable 503, not a 500', () => {
    const refused = toDomainError(new DeliveryError('SMS gateway answered 503', true));
    expect(refused).toMatchObject({ code: 'sms_unavailable', isRetryable: true });
    expect(refused.details.retryAfterSeconds).toBe(60);
    expect(errorTable.sms_unavailable.status).toBe(503);
    for (const text of Object.values(errorTable.sms_unavailable.message)) {
      expect(text).toMatch(/SMS/);
    }
  });
});
