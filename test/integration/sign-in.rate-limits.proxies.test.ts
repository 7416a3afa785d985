import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { Sex } from '../../src/domain/identity/iin.js';
import { requestPasswordReset, resetPassword } from '../../src/features/identity/reset-password.js';
import { setStaffPassword } from '../../src/features/identity/set-staff-password.js';
import { startCitizenLogin } from '../../src/features/identity/start-citizen-login.js';
import { rateLimitPolicies } from '../../src/features/limits/rate-limit.js';
import { composeApp } from '../../src/cli/compose.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { registerProvenCitizen } from '../support/citizens.js';
import { createTestDatabase } from '../support/database.js';

// Issue 16, defect 6: forwarded addresses only from configured proxies; a growing delay per
// account (staff and citizens) that a stranger cannot turn into the owner's lock-out; a limit
// on every public and authentication route, counted in the database, 429 with the wait.

const password = 'correct horse battery';
let database: DatabaseHandle;
const clock = manualClock('2026-03-02T05:00:00Z');
const sms = new InMemorySmsOutbox();
let staffIin: string;

function appWith(environment: Record<string, string>) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...environment });
  return composeApp({
    config,
    logger: createLogger(config),
    database,
    now: clock.now,
    sms,
    applications: applicationServices(database, clock.now),
  });
}

/** The request's socket, as @hono/node-server hands it to the app. */
const fromSocket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

async function csrfOf(app: ReturnType<typeof appWith>) {
  const page = await app.request('/staff/login');
  return /qyzmet_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
}

async function staffLogin(
  app: ReturnType<typeof appWith>,
  form: { iin: string; password: string },
  options: { socket?: string; forwardedFor?: string } = {},
) {
  const csrf = await csrfOf(app);
  return app.request(
    '/staff/login',
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `qyzmet_csrf=${csrf}; qyzmet_lang=ru`,
        ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
      },
      body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
    },
    options.socket ? fromSocket(options.socket) : undefined,
  );
}

const later = (minutes: number) =>
  clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());

async function clearLimits() {
  await database.db.deleteFrom('rate_limit').execute();
  await database.db.deleteFrom('login_throttle').execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  await createOrganisation(database, {
    id: 'kst-school-1',
    kind: 'school',
    regionCode: 'kostanay',
  });
  const head = await createStaff(database, 'kst-school-1', 'kostanay', ['head']);
  staffIin = (
    await database.db
      .selectFrom('staff_account')
      .select('iin')
      .where('id', '=', head.staffId)
      .executeTakeFirstOrThrow()
  ).iin;
  await setStaffPassword(
    database.db,
    { kind: 'system' },
    { organisationId: 'kst-school-1', iin: staffIin, password },
    clock.now(),
  );
});
afterAll(() => database?.close());

describe('client address behind proxies', () => {
  it('in production, a rotated X-Forwarded-For from an untrusted client buys no fresh limit', async () => {
    await clearLimits();
    const app = appWith({ NODE_ENV: 'production' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= rateLimitPolicies.login.limit; attempt += 1) {
      const response = await staffLogin(
        app,
        { iin: generateIin('1980-01-01', Sex.male, 900 + attempt), password: 'guess' },
        { socket: '198.51.100.7', forwardedFor: `203.0.113.${attempt + 1}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, rateLimitPolicies.login.limit).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const keys = (await database.db.selectFrom('rate_limit').select('key').execute()).map(
      (row) => row.key,
    );
    expect(keys).toEqual(['staff-login:198.51.100.7']);
  });

  it('believes the header only from a configured proxy, reading it from the right', async () => {
    await clearLimits();
    const app = appWith({ NODE_ENV: 'production', TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8' });
    const wrong = { iin: staffIin, password: 'guess' };
    // From the proxy: the client is the rightmost address that is not a proxy (the one
    // before it may be forged by the client itself).
    await staffLogin(app, wrong, {
      socket: '::ffff:10.1.2.3',
      forwardedFor: '1.2.3.4, 203.0.113.50, 10.9.9.9',
    });
    await staffLogin(app, wrong, { socket: 'fd00::1', forwardedFor: '2001:db8::5' });
    // Not from the proxy: the header is ignored.
    await staffLogin(app, wrong, { socket: '198.51.100.8', forwardedFor: '203.0.113.51' });
    const keys = (await database.db.selectFrom('rate_limit').select('key').execute())
      .map((row) => row.key)
      .sort();
    expect(keys).toEqual([
      'staff-login:198.51.100.8',
      'staff-login:2001:db8::5',
      'staff-login:203.0.113.50',
    ]);
  });

  it('refuses a TRUSTED_PROXIES that is not a list of addresses or CIDR ranges', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.local' })).toThrow(/TRUSTED_PROXIES/);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1,::1' }).trustedProxies).toEqual([
      { address: '10.0.0.1', prefix: 32, family: 'ipv4' },
      { address: '::1', prefix: 128, family: 'ipv6' },
    ]);
  });
});

describe('a growing delay per account, for staff and citizens', () => {
  it('slows a staff account after 5 wrong passwords from one address; the owner elsewhere signs in', async () => {
    await clearLimits();
    const app = appWith({ NODE_ENV: 'test' });
    const attacker = { socket: '198.51.100.66' };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await staffLogin(app, { iin: staffIin, password: 'guess' }, attacker)).status).toBe(
        401,
      );
    }
    // Even the right password waits now (the delay is checked before the password).
    const delayed = await staffLogin(app, { iin: staffIin, password }, attacker);
    expect(delayed.status).toBe(429);
    expect(delayed.headers.get('retry-after')).toBe('30');
    expect(await delayed.text()).toContain('Повторите через 30 с.');
    // The owner at their own address is not held back.
    const owner = await staffLogin(app, { iin: staffIin, password }, { socket: '192.0.2.10' });
    expect(owner.status).toBe(303);
    // The delay grows: after it passes, one more wrong guess costs a minute.
    later(1);
    expect((await staffLogin(app, { iin: staffIin, password: 'guess' }, attacker)).status).toBe(
      401,
    );
    expect(
      (await staffLogin(app, { iin: staffIin, password }, attacker)).headers.get('retry-after'),
    ).toBe('60');
    const audit = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['staff.login_failed', 'staff.login_delayed'])
      .execute();
    expect(audit.filter((row) => row.action === 'staff.login_delayed').length).toBe(2);
  });

  it('a stranger guessing a citizen’s password cannot lock the owner out', async () => {
    await clearLimits();
    const iin = generateIin('1991-05-05', Sex.female, 4242);
    const phone = '+77015554242';
    const own = 'Citizen-2026-pass';
    const services = { db: database.db, sms };
    await registerProvenCitizen(services, { iin, phone, password: own }, clock.now());
    // 30 wrong passwords from 30 addresses (beyond any single-address delay).
    for (let n = 0; n < 30; n += 1) {
      const attempt = startCitizenLogin(
        services,
        { iin, password: 'guess', source: `203.0.113.${n + 1}` },
        new Date(clock.now().getTime() + n * 61_000),
      );
      await expect(attempt).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    later(31);
    // The account-wide slow-down is at most a minute: the owner at their address signs in.
    const atOwnerAddress = () =>
      startCitizenLogin(services, { iin, password: own, source: '192.0.2.20' }, clock.now());
    const first = await atOwnerAddress().then(
      () => 0,
      (error: { details?: { retryAfterSeconds?: number } }) =>
        error.details?.retryAfterSeconds ?? -1,
    );
    expect(first).toBeLessThanOrEqual(60);
    if (first > 0) later(1);
    await expect(atOwnerAddress()).resolves.toMatchObject({ maskedPhone: '+7701***4242' });
  });

  it('a password reset by the code sent to the phone clears every delay of the account', async () => {
    await clearLimits();
    const iin = generateIin('1992-06-06', Sex.male, 4343);
    const phone = '+77015554343';
    const services = { db: database.db, sms };
    await registerProvenCitizen(
      services,
      { iin, phone, password: 'Citizen-2026-pass' },
      clock.now(),
    );
    for (let n = 0; n < 5; n += 1) {
      await expect(
        startCitizenLogin(services, { iin, password: 'guess', source: '192.0.2.30' }, clock.now()),
      ).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    await expect(
      startCitizenLogin(
        services,
        { iin, password: 'Citizen-2026-pass', source: '192.0.2.30' },
        clock.now(),
      ),
    ).rejects.toMatchObject({ code: 'rate_limited', details: { reason: 'login_locked' } });
    const challenge = await requestPasswordReset(services, iin, clock.now());
    await resetPassword(
      services,
      {
        challengeId: challenge.challengeId,
        code: sms.lastCodeTo(phone),
        newPassword: 'Renewed-2026-pass',
      },
      clock.now(),
    );
    await expect(
      startCitizenLogin(
        services,
        { iin, password: 'Renewed-2026-pass', source: '192.0.2.30' },
        clock.now(),
      ),
    ).resolves.toMatchObject({ maskedPhone: '+7701***4343' });
  });
});

describe('every public and authentication route is limited', () => {
  const json = (body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ru' },
    body: JSON.stringify(body),
  });

  it('/api/auth/login: 429 with Retry-After and the wait in words after the address’s limit', async () => {
    await clearLimits();
    const app = appWith({ NODE_ENV: 'test' });
    let last: Response | undefined;
    for (let attempt = 0; attempt <= rateLimitPolicies.login.limit; attempt += 1) {
      last = await app.request(
        '/api/auth/login',
        json({ iin: generateIin('1985-02-02', Sex.male, 100 + attempt), password: 'guess' }),
      );
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBe(15 * 60);
    const body = (await last!.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: 'rate_limited',
      message: 'Слишком много запросов. Повторите через 15 мин.',
    });
  });

  it('/api/auth/register: a burst of registrations from one address stops at the limit', async () => {
    await clearLimits();
    const app = appWith({ NODE_ENV: 'test' });
    const statuses: number[] = [];
    for (let n = 0; n <= rateLimitPolicies.registration.limit; n += 1) {
      const response = await app.request(
        '/api/auth/register',
        json({
          iin: generateIin('1993-03-03', Sex.female, 500 + n),
          phone: `+7701777${String(n).padStart(4, '0')}`,
          password: 'Burst-2026-pass',
        }),
      );
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1)).not.toContain(429);
  });

  it('/api/v1/public/status and /api/auth/session are limited per address', async () => {
    await clearLimits();
    const app = appWith({ NODE_ENV: 'test' });
    let last: Response | undefined;
    for (let n = 0; n <= rateLimitPolicies.publicLookup.limit; n += 1) {
      last = await app.request('/api/v1/public/status/2026-0000001');
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let n = 0; n <= rateLimitPolicies.session.limit; n += 1) {
      last = await app.request('/api/auth/session');
    }
    expect(last!.status).toBe(429);
  });

  it('/verify is limited per address, and a browser gets a localised page', async () => {
    await clearLimits();
    const app = appWith({ NODE_ENV: 'test' });
    let last: Response | undefined;
    for (let n = 0; n <= rateLimitPolicies.publicLookup.limit; n += 1) {
      last = await app.request('/verify/00000000-0000-4000-8000-000000000000', {
        headers: { accept: 'text/html', 'accept-language': 'ru' },
      });
    }
    expect(last!.status).toBe(429);
    expect(last!.headers.get('content-type')).toContain('text/html');
    expect(await last!.text()).toMatch(/Повторите через \d+ с\./);
  });
});
