import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text as cabinetText } from '../../src/http/web/portal/cabinet/texts.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { composeApp } from '../../src/cli/compose.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, manualClock } from '../support/applications.js';
import {
  cabinetWorld,
  completeThroughApi,
  createCabinetWorld,
  submitPortalDuplicate,
} from '../support/cabinet.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { createTestResultSigning } from '../support/sign-result.js';

function cookiesOf(response: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, ...value] = pair!.split('=');
    jar[name!.trim()] = value.join('=');
  }
  return jar;
}

/** Issue 18, point 7: "mark all as read" in the cabinet, and the way back to the catalogue. */
describe(`the cabinet's "mark all as read" and catalogue link on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2026-03-17T05:00:00Z');
  let app: ReturnType<typeof composeApp>;
  const sms = new InMemorySmsOutbox();
  const sessions: Record<'applicant' | 'stranger', Record<string, string>> = {
    applicant: {},
    stranger: {},
  };

  const request = (path: string, init: RequestInit = {}, jar: Record<string, string> = {}) =>
    app.request(path, {
      ...init,
      headers: {
        accept: 'text/html',
        'accept-language': 'ru',
        cookie: Object.entries(jar)
          .map(([name, value]) => `${name}=${value}`)
          .join('; '),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const post = (who: 'applicant' | 'stranger', path: string, fields: Record<string, string>) =>
    request(
      path,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: sessions[who].qyzmet_csrf ?? '', ...fields }),
      },
      sessions[who],
    );

  const signIn = async (who: 'applicant' | 'stranger') => {
    const citizen = cabinetWorld[who];
    const json = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await json('/api/auth/login', { iin: citizen.iin, password: citizen.password });
    const { challengeId } = (await login.json()) as { challengeId: string };
    const confirmed = await json('/api/auth/login/confirm', {
      challengeId,
      code: sms.lastCodeTo(citizen.phone),
    });
    Object.assign(sessions[who], cookiesOf(confirmed));
    const page = await request('/cabinet', {}, sessions[who]);
    expect(page.status).toBe(200);
    Object.assign(sessions[who], cookiesOf(page));
  };

  const unreadOf = async (iin: string) =>
    database.db
      .selectFrom('notification')
      .select(['id', 'position'])
      .where('recipient_iin', '=', iin)
      .where('read_at', 'is', null)
      .orderBy('position')
      .execute();
  const readAllAudits = () =>
    database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'details'])
      .where('action', '=', 'notification.read_all')
      .execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    const services = applicationServices(database, clock.now);
    const signing = await createTestResultSigning(database, clock.now());
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms,
      applications: services,
      trustStore: () => signing.trustStore,
    });
    const { staff } = await createCabinetWorld(database, clock.now());
    const submitted = await submitPortalDuplicate(services, 'cabinet-mark-all-submit');
    await completeThroughApi(
      async (path, init) => app.request(path, init),
      staff,
      submitted.applicationId,
      (await signing.keyFor(staff.head.principal))!,
      clock.now(),
    );
    await signIn('applicant');
    await signIn('stranger');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('links every cabinet page back to the catalogue of services, in kk, ru and en', async () => {
    for (const path of ['/cabinet', '/cabinet/notifications']) {
      for (const locale of ['kk', 'ru', 'en'] as const) {
        const html = await (await request(`${path}?lang=${locale}`, {}, sessions.applicant)).text();
        expect(html).toMatch(
          new RegExp(`<a href="/services"[^>]*>${cabinetText.catalogue[locale]}</a>`),
        );
      }
    }
  });

  it('refuses a bad or missing position with 422 and changes nothing', async () => {
    const before = await unreadOf(cabinetWorld.applicant.iin);
    expect(before.length).toBeGreaterThan(1);
    for (const upTo of ['', 'abc', '-1', '0', '1e5', '9'.repeat(40)]) {
      const response = await post('applicant', '/cabinet/notifications/read-all', { upTo });
      expect(response.status, `upTo=${upTo}`).toBe(422);
      expect(await response.text()).toContain('<html lang="ru"');
    }
    expect(await unreadOf(cabinetWorld.applicant.iin)).toEqual(before);
    expect(await readAllAudits()).toEqual([]);
  });

  it('marks only the citizen’s own notifications: another citizen’s stay unread', async () => {
    const before = await unreadOf(cabinetWorld.applicant.iin);
    const newest = before.at(-1)!.position;
    const response = await post('stranger', '/cabinet/notifications/read-all', {
      upTo: String(newest),
    });
    expect(response.status).toBe(303);
    expect(await unreadOf(cabinetWorld.applicant.iin)).toEqual(before);
    expect(await readAllAudits()).toEqual([]);
  });

  it('marks read every unread notification up to the newest shown, once, with one audit row', async () => {
    const page = await (await request('/cabinet/notifications', {}, sessions.applicant)).text();
    const before = await unreadOf(cabinetWorld.applicant.iin);
    const newest = before.at(-1)!.position;
    expect(page).toContain('action="/cabinet/notifications/read-all"');
    expect(page).toContain(`name="upTo" value="${newest}"`);
    expect(page).toContain(cabinetText.markAllRead.ru);

    // Up to the one before the newest: a notification that arrived after the page stays unread.
    const partial = await post('applicant', '/cabinet/notifications/read-all', {
      upTo: String(newest - 1),
    });
    expect(partial.status).toBe(303);
    expect(partial.headers.get('location')).toBe('/cabinet/notifications?done=all');
    expect((await unreadOf(cabinetWorld.applicant.iin)).map((row) => row.position)).toEqual([
      newest,
    ]);

    const all = await post('applicant', '/cabinet/notifications/read-all', {
      upTo: String(newest),
    });
    expect(all.status).toBe(303);
    expect(await unreadOf(cabinetWorld.applicant.iin)).toEqual([]);
    const again = await post('applicant', '/cabinet/notifications/read-all', {
      upTo: String(newest),
    });
    expect(again.status).toBe(303);
    expect(await readAllAudits()).toEqual([
      {
        actor_id: cabinetWorld.applicant.iin,
        details: { count: before.length - 1, upToPosition: newest - 1 },
      },
      { actor_id: cabinetWorld.applicant.iin, details: { count: 1, upToPosition: newest } },
    ]);

    const done = await (
      await request('/cabinet/notifications?done=all', {}, sessions.applicant)
    ).text();
    expect(done).toContain(cabinetText.markedAllRead.ru);
    expect(done).not.toContain('action="/cabinet/notifications/read-all"');
  });
});
