// Issue 19: the kindergarten queue's pages over HTTP — the parent registers a child and gets
// the slip with its position; a primary right registered later moves ahead and the first
// parent's cabinet says why; the kindergarten publishes a place in the back office; the right
// parent gets the offer and accepts it signed with a one-time password; the public lookup
// (rate-limited, a localised 429) and protocol show it all without personal data; the
// department head sees the statistics; an unanswered offer expires to the next child.
// Accepting issues the referral's signed PDF with its QR code: the parent downloads it, its
// facts are printed in kk/ru, /verify says genuine, the kindergarten sees it when enrolling.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { composeApp } from '../../src/cli/compose.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { kazakhstanDay as kazakhstanDayOf } from '../../src/domain/calendar/kazakhstan-day.js';
import { expireOffers } from '../../src/features/preschool-queue/expire-offers.js';
import { queueServicesOf } from '../../src/features/preschool-queue/queue-services.js';
import { seedQueueKindergartens } from '../../src/features/preschool-queue/seed-queue-kindergartens.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, createOrganisation, manualClock } from '../support/applications.js';
import { registerProvenCitizen } from '../support/citizens.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { staffSession as signInStaff } from '../support/staff-session.js';
import { openRefusedForm } from '../support/refused-form.js';
import { pdfQrCodes, pdfText } from '../support/documents.js';
import { initialiseEmbeddedPki } from '../../src/signing/pki-directory.js';
import { findDocument } from '../../src/storage/document.repository.js';
import { renderDocumentPdf } from '../../src/documents/render-pdf.js';
import { templateOf, type DocumentContent } from '../../src/documents/document-content.js';

const password = 'qyzmet2024';
const department = 'sko-education-shymkent';
const parents = [
  { iin: generateIin('1990-01-01', 'female'), phone: '+77010000201', password },
  { iin: generateIin('1988-05-05', 'male'), phone: '+77010000202', password },
  { iin: generateIin('1991-02-02', 'female'), phone: '+77010000203', password },
];
const children = [
  generateIin('2023-03-01', 'male', 11),
  generateIin('2023-04-01', 'female', 12),
  generateIin('2023-02-01', 'male', 13),
];
const births = ['2023-03-01', '2023-04-01', '2023-02-01'];

describe(`the kindergarten queue's pages (issue 19), on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let pkiDirectory = '';
  // Tuesday 1 December 2026, 10:00 in Shymkent.
  const clock = manualClock('2026-12-01T05:00:00Z');
  let app: ReturnType<typeof composeApp>;
  const sms = new InMemorySmsOutbox();
  const registries = createRegistrySimulator();
  let services: ReturnType<typeof applicationServices>;
  const sessions: { cookie: string; csrf: string }[] = [];
  let head: { cookie: string; csrf: string };
  let executor: { cookie: string; csrf: string };
  const slips: string[] = [];
  const tick = (minutes: number) =>
    clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());

  const csrfOf = async () => {
    const first = await app.request('/staff/login');
    return /qyzmet_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')![1]!;
  };
  const post = (
    path: string,
    session: { cookie: string; csrf: string },
    form: [string, string][],
  ) =>
    app.request(path, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: new URLSearchParams([...form, ['_csrf', session.csrf]]).toString(),
    });
  const get = (path: string, session?: { cookie: string }) =>
    app.request(path, {
      headers: {
        accept: 'text/html',

        ...(session ? { cookie: session.cookie } : {}),
      },
    });

  /** Signs a parent in (password, then the one-time code): the session's cookie and token. */
  const citizenSession = async (parent: (typeof parents)[number]) => {
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ iin: parent.iin, password }),
    });
    const { challengeId } = (await login.json()) as { challengeId: string };
    const confirmed = await app.request('/api/auth/login/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challengeId, code: sms.lastCodeTo(parent.phone) }),
    });
    const session = /qyzmet_session=([^;]+)/.exec(confirmed.headers.get('set-cookie') ?? '')![1]!;
    const csrf = await csrfOf();
    return { cookie: `qyzmet_csrf=${csrf}; qyzmet_session=${session}; qyzmet_lang=ru`, csrf };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    // The installation's PKI: its CA certifies the organisation's key that signs referrals.
    pkiDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-queue-pki-'));
    await initialiseEmbeddedPki(pkiDirectory, clock.now());
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      TRUSTED_PROXIES: '127.0.0.1',
      PKI_DIR: pkiDirectory,
    });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms,
      registries,
      applications: services,
    });
    await createOrganisation(database, {
      id: department,
      kind: 'district_education_department',
      regionCode: 'south-kazakhstan',
    });
    await seedQueueKindergartens(database.db);
    const staffSession = (role: 'head' | 'executor') =>
      signInStaff(app, database, {
        organisationId: department,
        regionCode: 'south-kazakhstan',
        role,
        now: clock.now(),
      });
    head = await staffSession('head');
    executor = await staffSession('executor');
    for (const parent of parents) {
      await registerProvenCitizen({ db: database.db, sms, registries }, parent, clock.now());
      sessions.push(await citizenSession(parent));
    }
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    if (pkiDirectory) fs.rmSync(pkiDirectory, { recursive: true, force: true });
  });

  const register = async (index: number, category: string) => {
    const response = await post('/cabinet/queue/new', sessions[index]!, [
      ['district', 'south-kazakhstan/shymkent-al-farabi'],
      ['childIin', children[index]!],
      ['birthDate', births[index]!],
      ['phone', parents[index]!.phone],
      ['category', category],
      ['kindergarten', 'sko-kg-balbobek'],
      ['language', 'ru'],
      ['specialNeeds', ''],
      ['desiredStart', '2026-09-01'],
    ]);
    expect(response.status).toBe(303);
    const number = /registered=(Q-[\d-]+)/.exec(response.headers.get('location') ?? '')![1]!;
    slips[index] = number;
    return number;
  };

  it('registers a child from the cabinet: the slip with its number and position 1; a bad form is refused in Russian, changing nothing', async () => {
    const refused = await post('/cabinet/queue/new', sessions[0]!, [
      ['district', 'south-kazakhstan/shymkent-al-farabi'],
      ['childIin', '123'],
      ['birthDate', ''],
      ['category', 'general'],
      ['language', 'ru'],
      ['desiredStart', '2026-09-01'],
    ]);
    // Post/redirect/get (issue 18, point 11): the refused form's page shows the refusal.
    const shown = await openRefusedForm(app, refused, sessions[0]!.cookie, '/cabinet/queue/new', {
      accept: 'text/html',
    });
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('Неверный ИИН');
    expect(html).toContain('Выберите от одного до трёх детских садов района');
    expect(await database.db.selectFrom('queue_registration').select('id').execute()).toHaveLength(
      0,
    );
    const number = await register(0, 'general');
    const page = await (await get(`/cabinet/queue?registered=${number}`, sessions[0])).text();
    expect(page).toContain(number);
    expect(page).toMatch(/class="queue-position" data-position="1"/);
    expect(page).toContain('Регистрационный талон');
  });

  it('a primary right registered later moves ahead: the first parent’s cabinet explains it; the public lookup does not consume the explanation', async () => {
    tick(60);
    await register(1, 'primary');
    tick(1);
    const lookup = await (await get(`/queue/position?number=${slips[0]}&lang=ru`)).text();
    expect(lookup).toMatch(/data-position="2"/);
    expect(lookup).toContain('Встали в очередь дети более высокой категории: 1');
    expect(lookup).not.toContain(children[0]);
    expect(lookup).not.toContain(parents[0]!.iin);
    const cabinet = await (await get('/cabinet/queue', sessions[0])).text();
    expect(cabinet).toContain('Встали в очередь дети более высокой категории: 1');
    // Seen by the parent in the cabinet: the next look has nothing new to explain.
    const again = await (await get(`/queue/position?number=${slips[0]}&lang=ru`)).text();
    expect(again).toContain('С последнего просмотра позиция не менялась.');
  });

  it('the kindergarten publishes a place in the back office: the primary right gets the offer', async () => {
    tick(10);
    const page = await (await get('/back-office/kindergarten-places', executor)).text();
    expect(page).toContain('Ясли-сад №12 «Балбобек»');
    // Post/redirect/get (issue 18, point 11): 303 to the page, whose GET shows the refusal.
    const refused = await openRefusedForm(
      app,
      await post('/back-office/kindergarten-places', executor, [
        ['group', 'sko-kg-balbobek-ru-2'],
        ['places', '0'],
      ]),
      executor.cookie,
      '/back-office/kindergarten-places',
      { accept: 'text/html' },
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Укажите количество мест от 1 до 100');
    const published = await post('/back-office/kindergarten-places', executor, [
      ['group', 'sko-kg-balbobek-ru-2'],
      ['places', '1'],
    ]);
    expect(published.status).toBe(303);
    expect(decodeURIComponent(published.headers.get('location') ?? '')).toContain(slips[1]);
  });

  it('the parent accepts the offer signed with a one-time password: a wrong code is refused, the right one issues the referral; the public protocol lists it', async () => {
    const cabinet = await (await get('/cabinet/queue', sessions[1])).text();
    const offerId = /href="\/cabinet\/queue\/offers\/([0-9a-f-]{36})"/.exec(cabinet)![1]!;
    // Another parent does not see it.
    expect((await get(`/cabinet/queue/offers/${offerId}`, sessions[0])).status).toBe(404);
    const sent = await post(`/cabinet/queue/offers/${offerId}/code`, sessions[1]!, []);
    expect(sent.status).toBe(303);
    const challenge = /challenge=([0-9a-f-]{36})/.exec(sent.headers.get('location') ?? '')![1]!;
    const wrong = await post(`/cabinet/queue/offers/${offerId}/accept`, sessions[1]!, [
      ['challengeId', challenge],
      ['code', '000000'],
    ]);
    expect(wrong.status).toBe(401);
    const accepted = await post(`/cabinet/queue/offers/${offerId}/accept`, sessions[1]!, [
      ['challengeId', challenge],
      ['code', sms.lastCodeTo(parents[1]!.phone)],
    ]);
    expect(accepted.status).toBe(303);
    const offerPage = await (await get(`/cabinet/queue/offers/${offerId}`, sessions[1])).text();
    const referral = /id="referral-number">(N-[\d-]+)</.exec(offerPage)![1]!;
    // The referral's signed PDF: linked on the offer page and in the cabinet, the parent's only.
    const documentId = /id="referral-pdf" href="\/documents\/([0-9a-f-]{36})\.pdf"/.exec(
      offerPage,
    )![1]!;
    expect(await (await get('/cabinet/queue', sessions[1])).text()).toContain(
      `/documents/${documentId}.pdf`,
    );
    expect((await get(`/documents/${documentId}.pdf`, sessions[0])).status).toBe(404);
    expect((await get(`/documents/${documentId}.pdf`)).status).not.toBe(200);
    const download = await get(`/documents/${documentId}.pdf`, sessions[1]);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await download.arrayBuffer());
    const text = pdfText(pdf).replace(/\s+/g, ' ').replace(/- /g, '-');
    const stored = await findDocument(database.db, documentId);
    const acceptedAt = await database.db
      .selectFrom('queue_offer')
      .select(['decided_at', 'referral_valid_until', 'referral_document_id'])
      .where('id', '=', offerId)
      .executeTakeFirstOrThrow();
    expect(acceptedAt.referral_document_id).toBe(documentId);
    expect(stored).toMatchObject({ kind: 'referral', applicationId: null });
    // Local times of Shymkent (UTC+5), to the second; valid 5 days.
    const local = (at: Date) =>
      new Date(at.getTime() + 5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    for (const fact of [
      'Направление в детскую дошкольную организацию',
      'Мектепке дейінгі ұйымға жолдама',
      referral,
      slips[1]!,
      children[1]!,
      'Ясли-сад №12 «Балбобек»',
      '«Балбөбек» №12 бөбекжай-балабақшасы',
      '2–3 лет, русский язык',
      '2–3 жас, орыс тілі',
      `одноразовым паролем, ${local(acceptedAt.decided_at!)} (UTC+5)`,
      `${local(acceptedAt.referral_valid_until!)} (UTC+5)`,
      'действительно 5 дней',
      'до 30 дней',
      stored!.signerName,
    ]) {
      expect(text, fact).toContain(fact);
    }
    expect(acceptedAt.referral_valid_until!.getTime() - acceptedAt.decided_at!.getTime()).toBe(
      5 * 86_400_000,
    );
    // No internal code on the document.
    for (const code of ['sko-kg-balbobek', 'south-kazakhstan', 'shymkent-al-farabi', 'Asia/'])
      expect(text).not.toContain(code);
    // Signed with the key of the kindergarten's organisation, at the acceptance.
    expect(stored!.signedAt.getTime()).toBe(acceptedAt.decided_at!.getTime());
    // The QR code opens /verify/<id>, which says genuine; so does the printed code.
    const [qr] = pdfQrCodes(pdf);
    expect(qr).toMatch(new RegExp(`/verify/${documentId}$`));
    const verified = await (await get(`/verify/${documentId}?lang=ru`)).text();
    expect(verified).toContain('data-genuine="true"');
    expect(verified).toContain('Документ подлинный');
    const printedCode = /Код проверки: ([0-9A-F-]+)/.exec(pdfText(pdf))![1]!;
    const byCode = await get(`/verify?code=${encodeURIComponent(printedCode)}&lang=kk`);
    expect(byCode.status).toBe(303);
    expect(byCode.headers.get('location')).toContain(`/verify/${documentId}`);
    // A draft of the same content never looks signed: the draft mark, no signer, no QR code.
    const content = stored!.content as unknown as DocumentContent;
    const draft = await renderDocumentPdf(content, {
      template: templateOf(content),
      mode: { kind: 'draft' },
    });
    const draftText = pdfText(draft);
    expect(draftText).toContain('ПРОЕКТ');
    expect(draftText).not.toContain('Код проверки');
    expect(draftText).not.toContain(stored!.signerName);
    expect(pdfQrCodes(draft)).toEqual([]);
    // Accepting again is refused and never issues a second document.
    const again = await post(`/cabinet/queue/offers/${offerId}/referral`, sessions[1]!, []);
    expect(again.status).toBe(303);
    const referralDocuments = await database.db
      .selectFrom('document')
      .select('id')
      .where('kind', '=', 'referral')
      .execute();
    expect(referralDocuments.map((row) => row.id)).toEqual([documentId]);
    expect((await post(`/cabinet/queue/offers/${offerId}/referral`, sessions[0]!, [])).status).toBe(
      404,
    );
    // The kindergarten sees the referral with its PDF when it enrols.
    const places = await (await get('/back-office/kindergarten-places', executor)).text();
    expect(places).toContain(`data-referral="${referral}"`);
    expect(places).toContain(`/documents/${documentId}.pdf`);
    expect((await get(`/documents/${documentId}.pdf`, executor)).status).toBe(200);
    const protocol = await (
      await get('/queue/protocol?district=south-kazakhstan/shymkent-al-farabi&lang=ru')
    ).text();
    expect(protocol).toContain(referral);
    expect(protocol).toContain(slips[1]);
    expect(protocol).toContain('Первоочередное право');
    expect(protocol).not.toContain(children[1]);
    const audit = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'preschool_queue.offer_accepted')
      .execute();
    expect(audit).toHaveLength(1);
    // The kindergarten enrols on the referral in the back office (a malformed one is refused).
    const malformed = await openRefusedForm(
      app,
      await post('/back-office/kindergarten-places/enrol', executor, [['referral', 'N-1']]),
      executor.cookie,
      '/back-office/kindergarten-places',
      { accept: 'text/html' },
    );
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain('value="N-1"');
    const enrolled = await post('/back-office/kindergarten-places/enrol', executor, [
      ['referral', referral],
    ]);
    expect(enrolled.status).toBe(303);
    expect((await get(`/queue/position?number=${slips[1]}&lang=ru`)).status).toBe(200);
  });

  it('the department head sees the statistics: waiting by age, offers by outcome', async () => {
    const page = await get('/back-office/queue-statistics', head);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('город Шымкент, район Аль-Фараби');
    expect(html).toMatch(/data-outcome="accepted">\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>1</);
    expect(html).toMatch(/data-age="3">\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>1</);
    expect((await get('/back-office/queue-statistics', executor)).status).toBe(403);
  });

  it('an offer not answered in the window expires and the place moves to the next child', async () => {
    tick(5);
    await register(2, 'general');
    tick(5);
    const published = await post('/back-office/kindergarten-places', head, [
      ['group', 'sko-kg-balbobek-ru-2'],
      ['places', '1'],
    ]);
    expect(decodeURIComponent(published.headers.get('location') ?? '')).toContain(slips[0]);
    clock.set(new Date(clock.now().getTime() + 9 * 86_400_000).toISOString());
    const round = await expireOffers(queueServicesOf(services));
    expect(round.expired).toBe(1);
    // (The sessions of nine days ago have ended: the public protocol shows it.)
    const protocol = await (
      await get('/queue/protocol?district=south-kazakhstan/shymkent-al-farabi&lang=ru')
    ).text();
    expect(protocol).toContain(`data-number="${slips[0]}" data-event="expired"`);
    expect(protocol).toContain(`data-number="${slips[2]}" data-event="offered"`);
  });

  it('a waiting child who turns 7 leaves the queue: the deadline watch stores it, the public lookup and the cabinet say so', async () => {
    // The sessions of nine days ago have ended: the parent signs in again.
    const parent = await citizenSession(parents[0]!);
    const birthDate = kazakhstanDayOf(new Date(clock.now().getTime() + 86_400_000)).replace(
      /^\d{4}/,
      (year) => String(Number(year) - 7),
    );
    const registered = await post('/cabinet/queue/new', parent, [
      ['district', 'south-kazakhstan/shymkent-al-farabi'],
      ['childIin', generateIin(birthDate, 'female', 14)],
      ['birthDate', birthDate],
      ['phone', parents[0]!.phone],
      ['category', 'general'],
      ['kindergarten', 'sko-kg-balbobek'],
      ['language', 'ru'],
      ['specialNeeds', ''],
      ['desiredStart', '2026-09-01'],
    ]);
    expect(registered.status).toBe(303);
    const number = /registered=(Q-[\d-]+)/.exec(registered.headers.get('location') ?? '')![1]!;
    expect(await (await get(`/queue/position?number=${number}&lang=ru`)).text()).toContain(
      'data-status="waiting"',
    );
    // The seventh birthday begins at midnight in Kazakhstan (UTC+5).
    const midnight = new Date(
      `${birthDate.replace(/^\d{4}/, (year) => String(Number(year) + 7))}T00:05:00+05:00`,
    );
    clock.set(midnight.toISOString());
    expect(await expireOffers(queueServicesOf(services))).toMatchObject({ agedOut: 1 });
    const lookup = await (await get(`/queue/position?number=${number}&lang=kk`)).text();
    expect(lookup).toContain('data-status="aged_out"');
    expect(lookup).toContain('7 жасқа толып, кезектен шықты');
    expect(lookup).not.toContain('class="queue-position"');
    const again = await citizenSession(parents[0]!);
    const cabinet = await (await get('/cabinet/queue?lang=en', again)).text();
    expect(cabinet).toMatch(
      new RegExp(
        `data-number="${number}"[^]*?data-status="aged_out">\\s*Left the queue on turning 7`,
      ),
    );
    expect(cabinet).toMatch(
      new RegExp(`data-kind="aged_out" data-number="${number}"[^]*?The child has turned 7`),
    );
  });

  it('the public lookup is limited per client address: past the limit a localised 429 (Kazakh here)', async () => {
    let last: Response | undefined;
    for (let attempt = 0; attempt < 62; attempt += 1)
      last = await get(`/queue/position?number=${slips[0]}&lang=kk`);
    expect(last!.status).toBe(429);
    expect(await last!.text()).toContain('Сұраулар тым көп');
  });
});
