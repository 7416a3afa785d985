import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusCheckCodeOf } from '../../src/features/public-status/status-check-code.js';
import { text as cabinetText } from '../../src/http/web/portal/cabinet/texts.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { composeApp } from '../../src/cli/compose.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
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
import { openRefusedForm } from '../support/refused-form.js';

/** The cookies a response set, as `name=value` pairs. */
function cookiesOf(response: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, ...value] = pair!.split('=');
    jar[name!.trim()] = value.join('=');
  }
  return jar;
}

describe(`the personal cabinet's authorisation on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2026-03-17T05:00:00Z'); // Tuesday, 10:00 in Shymkent
  let app: ReturnType<typeof composeApp>;
  const sms = new InMemorySmsOutbox();
  let applicationId: string;
  let applicationNumber: string;
  let documentId: string;
  let signing: Awaited<ReturnType<typeof createTestResultSigning>>;
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

  /** Signs in through the JSON API and fetches a page, keeping the session and CSRF cookies. */
  const signIn = async (who: 'applicant' | 'stranger') => {
    const citizen = cabinetWorld[who];
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
    Object.assign(sessions[who], cookiesOf(confirmed));
    const page = await request('/cabinet', {}, sessions[who]);
    expect(page.status).toBe(200);
    Object.assign(sessions[who], cookiesOf(page));
  };

  const form = (jar: Record<string, string>, fields: Record<string, string>, csrf = true) =>
    new URLSearchParams({ ...(csrf ? { _csrf: jar.qyzmet_csrf ?? '' } : {}), ...fields });

  beforeAll(async () => {
    database = await createTestDatabase();
    const services = applicationServices(database, clock.now);
    signing = await createTestResultSigning(database, clock.now());
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
    const submitted = await submitPortalDuplicate(services, 'cabinet-authorisation-submit');
    applicationId = submitted.applicationId;
    applicationNumber = submitted.number;
    const issued = await completeThroughApi(
      async (path, init) => app.request(path, init),
      staff,
      applicationId,
      (await signing.keyFor(staff.head.principal))!,
      clock.now(),
    );
    documentId = issued.id;
    await signIn('applicant');
    await signIn('stranger');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('shows the applicant the status code of the receipt in kk, ru and en, which opens the public status page', async () => {
    for (const locale of ['kk', 'ru', 'en'] as const) {
      const page = await request(
        `/cabinet/applications/${applicationId}?lang=${locale}`,
        { headers: { 'accept-language': locale } },
        sessions.applicant,
      );
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(cabinetText.statusCheckCode[locale]);
      const code = /class="status-check-code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(html)?.[1];
      expect(code).toBe(statusCheckCodeOf(applicationId));
    }
    const code = statusCheckCodeOf(applicationId);
    const opened = await request(
      `/status?number=${applicationNumber}&code=${encodeURIComponent(code)}`,
    );
    expect(opened.status).toBe(200);
    const wrong = await request(`/status?number=${applicationNumber}&code=0000-0000`);
    expect(wrong.status).toBe(404);
    // Another citizen sees no page of the application, so no code either.
    const stranger = await request(`/cabinet/applications/${applicationId}`, {}, sessions.stranger);
    expect(stranger.status).toBe(404);
    expect(await stranger.text()).not.toContain(code);
  });

  it('sends a visitor without a session to the login page', async () => {
    const response = await request('/cabinet/notifications');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fcabinet%2Fnotifications');
  });

  it('shows the applicant their application and result, and another citizen a 404 page and no PDF', async () => {
    const own = await request(`/cabinet/applications/${applicationId}`, {}, sessions.applicant);
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain(`/documents/${documentId}.pdf`);
    expect(html).toContain('Исполнение завершено, результат выдан');

    for (const [lang, heading] of [
      ['kk', 'Мәртебелер тарихы'],
      ['en', 'Status history'],
    ] as const) {
      const other = await request(
        `/cabinet/applications/${applicationId}?lang=${lang}`,
        {},
        sessions.applicant,
      );
      expect(other.status).toBe(200);
      expect(await other.text()).toContain(heading);
    }

    const pdf = await request(`/documents/${documentId}.pdf`, {}, sessions.applicant);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');

    const foreign = await request(`/cabinet/applications/${applicationId}`, {}, sessions.stranger);
    expect(foreign.status).toBe(404);
    const foreignHtml = await foreign.text();
    expect(foreignHtml).toContain('Страница не найдена');
    expect(foreignHtml).not.toContain(applicationId.slice(0, 8) + '…');
    const foreignPdf = await request(`/documents/${documentId}.pdf`, {}, sessions.stranger);
    expect(foreignPdf.status).toBe(404);
    expect(foreignPdf.headers.get('content-type')).not.toContain('application/pdf');

    const list = await (await request('/cabinet', {}, sessions.stranger)).text();
    expect(list).not.toContain(applicationId);
  });

  it('does not let a citizen mark someone else’s notification read', async () => {
    const [notification] = await database.db
      .selectFrom('notification')
      .select(['id', 'read_at'])
      .where('recipient_iin', '=', cabinetWorld.applicant.iin)
      .orderBy('position')
      .execute();
    expect(notification?.read_at).toBeNull();
    const response = await request(
      `/cabinet/notifications/${notification!.id}/read`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(sessions.stranger, {}),
      },
      sessions.stranger,
    );
    expect(response.status).toBe(404);
    const after = await database.db
      .selectFrom('notification')
      .select('read_at')
      .where('id', '=', notification!.id)
      .executeTakeFirstOrThrow();
    expect(after.read_at).toBeNull();
    const audits = await database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'notification.read')
      .execute();
    expect(audits).toEqual([]);

    const own = await request(
      `/cabinet/notifications/${notification!.id}/read`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(sessions.applicant, {}),
      },
      sessions.applicant,
    );
    expect(own.status).toBe(303);
    const marked = await database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'subject_id'])
      .where('action', '=', 'notification.read')
      .execute();
    expect(marked).toEqual([
      { actor_id: cabinetWorld.applicant.iin, subject_id: notification!.id },
    ]);
  });

  it('refuses forms without the anti-forgery token and changes nothing', async () => {
    const [notification] = await database.db
      .selectFrom('notification')
      .select('id')
      .where('recipient_iin', '=', cabinetWorld.applicant.iin)
      .where('read_at', 'is', null)
      .execute();
    const refused = await request(
      `/cabinet/notifications/${notification!.id}/read`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(sessions.applicant, {}, false),
      },
      sessions.applicant,
    );
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Форма устарела');
    const appeal = await request(
      `/cabinet/applications/${applicationId}/appeal`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
        },
        body: form(sessions.applicant, { text: 'Дубликат выдан с ошибкой в фамилии' }),
      },
      sessions.applicant,
    );
    expect(appeal.status).toBe(403);
    const still = await database.db
      .selectFrom('notification')
      .select('read_at')
      .where('id', '=', notification!.id)
      .executeTakeFirstOrThrow();
    expect(still.read_at).toBeNull();
    expect(await database.db.selectFrom('appeal').select('id').execute()).toEqual([]);
  });

  it('points the questionnaire’s error at the unanswered question, beside it, and keeps the other answer', async () => {
    const posted = await request(
      `/cabinet/applications/${applicationId}/questionnaire`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(sessions.applicant, {
          information: 'satisfied',
          idempotencyKey: 'questionnaire-key-0001',
        }),
      },
      sessions.applicant,
    );
    const shown = await openRefusedForm(
      app,
      posted,
      Object.entries(sessions.applicant)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      `/cabinet/applications/${applicationId}`,
      { accept: 'text/html', 'accept-language': 'ru' },
    );
    expect(shown.status).toBe(422);
    const html = await shown.text();
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    // One entry: the process question, named, its link on that question's first answer.
    expect(summary.match(/<a /g)).toHaveLength(1);
    expect(summary).toContain(
      '<a href="#process-satisfied">Выберите ответ на вопрос о процессе и результате оказания услуги</a>',
    );
    expect(html).toMatch(
      /<fieldset class="field invalid" id="process" aria-describedby="process-error">/,
    );
    expect(html).toContain('<span class="error" id="process-error">');
    expect(html).toMatch(/<fieldset class="field" id="information">/);
    expect(html).toMatch(/id="information-satisfied"[^>]*checked/);
    expect(
      await database.db.selectFrom('questionnaire_answer').select('application_id').execute(),
    ).toEqual([]);
  });

  it('keeps a short appeal (303 to the page, shown with 422), files a valid one once even when submitted twice', async () => {
    const short = await request(
      `/cabinet/applications/${applicationId}/appeal`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(sessions.applicant, { text: 'Плохо', idempotencyKey: 'appeal-key-0001' }),
      },
      sessions.applicant,
    );
    // Post/redirect/get (issue 18, point 11): 303 to the application's page, which shows the
    // refusal (422) with the text kept.
    const shown = await openRefusedForm(
      app,
      short,
      Object.entries(sessions.applicant)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      `/cabinet/applications/${applicationId}`,
      { accept: 'text/html', 'accept-language': 'ru' },
    );
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('href="#appeal-text"');
    expect(html).toContain('>Плохо</textarea>');

    const body = form(sessions.applicant, {
      text: 'Дубликат выдан с ошибкой в фамилии',
      idempotencyKey: 'appeal-key-0002',
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await request(
        `/cabinet/applications/${applicationId}/appeal`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        },
        sessions.applicant,
      );
      expect(response.status).toBe(303);
    }
    expect(await database.db.selectFrom('appeal').select('id').execute()).toHaveLength(1);
    const foreign = await request(
      `/cabinet/applications/${applicationId}/appeal`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(sessions.stranger, {
          text: 'Чужая жалоба на чужое заявление',
          idempotencyKey: 'appeal-key-0003',
        }),
      },
      sessions.stranger,
    );
    expect(foreign.status).toBe(404);
    expect(await database.db.selectFrom('appeal').select('id').execute()).toHaveLength(1);
  });

  it('shows a representative the application they made for the person they represent', async () => {
    const services = applicationServices(database, clock.now);
    const regulation = services.regulations.findInForce(
      'duplicates',
      cabinetWorld.region,
      '2026-03-17',
    )!;
    const represented = await submitApplication(
      services,
      { kind: 'citizen', iin: cabinetWorld.stranger.iin },
      {
        idempotencyKey: 'cabinet-representative-submit',
        serviceCode: 'duplicates',
        channel: 'portal',
        applicantIin: cabinetWorld.applicant.iin,
        representativeIin: cabinetWorld.stranger.iin,
        providerOrganisationId: cabinetWorld.school,
        frontOfficeId: cabinetWorld.frontOffice,
        fields: demoFields(regulation, cabinetWorld.frontOffice),
      },
    );
    const list = await (await request('/cabinet', {}, sessions.stranger)).text();
    expect(list).toContain(`data-application-id="${represented.applicationId}"`);
    expect(list).not.toContain(`data-application-id="${applicationId}"`);
    const page = await request(
      `/cabinet/applications/${represented.applicationId}`,
      {},
      sessions.stranger,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Представитель (ИИН)');
    expect(html).toContain(cabinetWorld.stranger.iin);
    // The applicant sees it too.
    const own = await (await request('/cabinet', {}, sessions.applicant)).text();
    expect(own).toContain(`data-application-id="${represented.applicationId}"`);
  });
});
