import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { composeApp } from '../../src/cli/compose.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import { defaultOtpPolicy } from '../../src/signing/one-time-password.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices } from '../support/applications.js';
import { registerOverApi } from '../support/citizens.js';
import { createTestDatabase } from '../support/database.js';

let database: DatabaseHandle;
let app: ReturnType<typeof composeApp>;
const sms = new InMemorySmsOutbox();
const registries = createRegistrySimulator();
let now = new Date('2026-06-01T04:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: () => now,
    sms,
    registries,
    applications: applicationServices(database, () => now),
  });
});
afterAll(async () => {
  await database.close();
});

const post = (path: string, payload: unknown, cookie?: string) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': 'ru',
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(payload),
  });

describe('/api/auth', () => {
  const citizen = { iin: '880215300010', password: 'Qazaq2026', phone: '+77020001122' };
  let cookie = '';

  it('registers, logs in with a one-time password and sets an HttpOnly session cookie', async () => {
    expect((await registerOverApi(post, { sms, registries }, citizen)).status).toBe(201);
    const login = await post('/api/auth/login', { iin: citizen.iin, password: citizen.password });
    expect(login.status).toBe(202);
    const { challengeId, maskedPhone } = (await login.json()) as {
      challengeId: string;
      maskedPhone: string;
    };
    expect(maskedPhone).toBe('+7702***1122');
    const confirmed = await post('/api/auth/login/confirm', {
      challengeId,
      code: sms.lastCodeTo('+77020001122'),
    });
    expect(confirmed.status).toBe(200);
    const setCookie = confirmed.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^qyzmet_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    // A lifetime on the server's clock (Max-Age), never a date the browser's clock would judge.
    const { expiresAt } = (await confirmed.json()) as { expiresAt: string };
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(Math.abs(Date.parse(expiresAt) - (now.getTime() + maxAge * 1000))).toBeLessThan(1000);
    expect(setCookie).not.toMatch(/Expires=/i);
    cookie = setCookie.split(';')[0]!;
    const session = await app.request('/api/auth/session', { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ subjectKind: 'citizen' });
  });

  it('answers a wrong password with 401 and the localised message', async () => {
    const response = await post('/api/auth/login', { iin: citizen.iin, password: 'Wrong2026' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'unauthenticated',
        message: 'Требуется вход в систему.',
        details: { reason: 'invalid_credentials' },
      },
    });
  });

  it('refuses a body that is not JSON', async () => {
    const response = await app.request('/api/auth/login', { method: 'POST', body: 'iin=1' });
    expect(response.status).toBe(422);
  });

  it('logs out everywhere: the cookie no longer opens a session', async () => {
    const ended = await post('/api/auth/logout-everywhere', {}, cookie);
    expect(await ended.json()).toEqual({ sessionsEnded: 1 });
    now = new Date(now.getTime() + 1000);
    expect((await app.request('/api/auth/session', { headers: { cookie } })).status).toBe(401);
  });

  it('limits one-time passwords per phone: the 11th code within an hour is 429', async () => {
    // two codes were sent above (registration's proof and the sign-in); eight more are allowed
    expect(defaultOtpPolicy.maxSendsPerWindow).toBe(10);
    for (let n = 0; n < 8; n += 1) {
      expect(
        (await post('/api/auth/login', { iin: citizen.iin, password: citizen.password })).status,
      ).toBe(202);
    }
    const limited = await post('/api/auth/login', { iin: citizen.iin, password: citizen.password });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      error: { code: 'rate_limited', details: { reason: 'otp_send_limit' } },
    });
  });
});
