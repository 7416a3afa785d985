import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { registerProvenCitizen } from '../support/citizens.js';
import { composeApp } from '../../src/cli/compose.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, createOrganisation, manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';

const citizen = { iin: '900101300007', password: 'Qazaq2026', phone: '+77020001133' };

describe(`the cabinet shows dues on the provider’s wall clock, on ${testBackend}`, () => {
  let database: DatabaseHandle;
  // 4 February 2013, 10:00 in the west (Asia/Aqtobe, UTC+5; Almaty was UTC+6 then).
  const clock = manualClock('2013-02-04T05:00:00Z');
  let app: ReturnType<typeof composeApp>;
  const sms = new InMemorySmsOutbox();
  let cookie = '';
  const ids: Record<string, { id: string; dueAt: string }> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const services = applicationServices(database, clock.now);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms,
      applications: services,
    });
    await registerProvenCitizen({ db: database.db }, citizen, clock.now());
    for (const [id, timeZone] of [
      ['west-archive', 'Asia/Aqtobe'],
      ['sk-archive', 'Asia/Almaty'],
    ] as const) {
      await createOrganisation(database, {
        id,
        kind: 'archive',
        regionCode: 'south-kazakhstan',
        timeZone,
      });
      const submitted = await submitApplication(
        services,
        { kind: 'citizen', iin: citizen.iin },
        {
          idempotencyKey: `tz-submit-${id}`,
          serviceCode: 'archive-certificate',
          channel: 'portal',
          applicantIin: citizen.iin,
          providerOrganisationId: id,
          fields: { 'applicant-iin-or-bin': citizen.iin, 'archive-certificate-type': 'стаж' },
        },
      );
      ids[id] = { id: submitted.applicationId, dueAt: String(submitted.dueAt) };
    }
    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await post('/api/auth/login', { iin: citizen.iin, password: citizen.password });
    const { challengeId } = (await login.json()) as { challengeId: string };
    const confirmed = await post('/api/auth/login/confirm', {
      challengeId,
      code: sms.lastCodeTo(citizen.phone),
    });
    cookie = confirmed.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const dueShown = async (id: string) => {
    const page = await app.request(`/cabinet/applications/${id}?lang=ru`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const due = new Date(
      ids[id === ids['west-archive']!.id ? 'west-archive' : 'sk-archive']!.dueAt,
    );
    return new RegExp(`<time datetime="${due.toISOString()}">([^<]+)</time>`).exec(html)?.[1];
  };

  it('shows the same due as 10:00 for the west provider (UTC+5) and 11:00 for Shymkent (UTC+6, 2013)', async () => {
    // Both were submitted at the same instant and the term is 30 calendar days (seed 003): the
    // same instant, shown on each provider's own wall clock.
    expect(
      new Date(ids['west-archive']!.dueAt).getTime() - new Date(ids['sk-archive']!.dueAt).getTime(),
    ).toBe(0);
    expect(await dueShown(ids['west-archive']!.id)).toBe('06.03.2013 10:00');
    expect(await dueShown(ids['sk-archive']!.id)).toBe('06.03.2013 11:00');
  });
});
