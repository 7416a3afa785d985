import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import { formatDateTime } from '../src/http/web/messages.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import {
  cabinetWorld,
  completeThroughApi,
  createCabinetWorld,
  startCabinetServer,
  submitPortalDuplicate,
  type CabinetStaff,
  type SignedResult,
} from '../test/support/cabinet.js';
import { pdfText } from '../test/support/documents.js';
import { staffSigningKey } from '../test/support/sign-result.js';

type CabinetServer = Awaited<ReturnType<typeof startCabinetServer>>;

describe('the personal cabinet in a real browser', () => {
  let server: CabinetServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let staff: CabinetStaff;
  let submitted: { applicationId: string; number: string; dueAt: string };
  let issued: SignedResult;

  const api = (path: string, init: RequestInit) => fetch(`${server.url}${path}`, init);

  /** Signs a citizen in through the JSON API (IIN + password, then the SMS code). */
  const sessionCookie = async (citizen: { iin: string; password: string; phone: string }) => {
    const post = (path: string, body: unknown) =>
      api(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await post('/api/auth/login', { iin: citizen.iin, password: citizen.password });
    expect(login.status).toBe(202);
    const { challengeId } = (await login.json()) as { challengeId: string };
    const confirmed = await post('/api/auth/login/confirm', {
      challengeId,
      code: server.sms.lastCodeTo(citizen.phone),
    });
    expect(confirmed.status).toBe(200);
    const cookie = confirmed.headers
      .getSetCookie()
      .find((header) => header.startsWith('qyzmet_session='))!;
    return { name: 'qyzmet_session', value: cookie.split(';')[0]!.split('=')[1]!, url: server.url };
  };

  const expectAccessible = async () => {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startCabinetServer(), launchBrowser()]);
    const services = await loadApplicationServices(server.database.db, () => new Date());
    ({ staff } = await createCabinetWorld(server.database, new Date()));
    submitted = await submitPortalDuplicate(services, `cabinet-e2e-${Date.now()}`);
    context = await browser.newContext({ baseURL: server.url, locale: 'kk-KZ' });
    await context.addCookies([await sessionCookie(cabinetWorld.applicant)]);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the application with the due date the engine computed (kk)', async () => {
    await page.goto('/cabinet?lang=kk');
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    const row = page.locator(`tr[data-application-id="${submitted.applicationId}"]`);
    expect(await row.locator('th a').textContent()).toBe(submitted.number);
    expect(await row.locator('td.due time').textContent()).toBe(
      formatDateTime(new Date(submitted.dueAt), 'kk'),
    );
    expect(await row.locator('td.due time').getAttribute('datetime')).toBe(
      new Date(submitted.dueAt).toISOString(),
    );
    expect(await row.locator('td.due .tag').textContent()).toBe('Мерзімінде');
    await expectAccessible();
    await saveScreenshot(page, 'portal-cabinet-list-kk');
  });

  it('shows the result, the unread notification and the genuine PDF after the back office completes it (ru)', async () => {
    // The executor prepares the duplicate record, the head signs it with the key the
    // server's PKI folder certifies for the head's IIN.
    const headKey = await staffSigningKey(
      server.database,
      server.pkiDirectory,
      staff.head.principal,
      new Date(),
    );
    issued = await completeThroughApi(api, staff, submitted.applicationId, headKey!, new Date());

    await page.goto('/cabinet?lang=ru');
    const row = page.locator(`tr[data-application-id="${submitted.applicationId}"]`);
    expect(await row.locator('td.status').textContent()).toBe(
      'Исполнение завершено, результат выдан',
    );
    expect(await row.locator('td.due time').textContent()).toBe(
      formatDateTime(new Date(submitted.dueAt), 'ru'),
    );
    expect(await page.locator('header nav').first().textContent()).toMatch(
      /Уведомления \(\d+ непрочитанных\)/,
    );
    await saveScreenshot(page, 'portal-cabinet-list-ru');

    await page.click('header nav a[href="/cabinet/notifications"]');
    await page.waitForURL(/\/cabinet\/notifications/);
    const latest = page.locator('li.notification').first();
    expect(await latest.getAttribute('class')).toContain('unread');
    expect(await latest.locator('.visually-hidden').first().textContent()).toContain(
      'не прочитано',
    );
    expect(await latest.locator('.message').textContent()).toBe(
      `Заявление №${submitted.number}: Исполнение завершено, результат выдан.`,
    );
    const unreadBefore = await page.locator('li.notification.unread').count();
    expect(unreadBefore).toBeGreaterThan(0);
    await expectAccessible();
    await saveScreenshot(page, 'portal-cabinet-notifications-ru');

    await latest.locator('button').click();
    await page.waitForURL(/done=read/);
    expect(await page.locator('.notice.ok').textContent()).toContain('отмечено как прочитанное');
    expect(await page.locator('li.notification.unread').count()).toBe(unreadBefore - 1);
    expect(await page.locator('li.notification').first().getAttribute('class')).not.toContain(
      'unread',
    );

    await page.locator('li.notification').first().locator('a').click();
    await page.waitForURL(new RegExp(`/cabinet/applications/${submitted.applicationId}$`));
    expect(await page.locator('#application-status').textContent()).toBe(
      'Исполнение завершено, результат выдан',
    );
    expect(await page.locator('#application-due time').textContent()).toBe(
      formatDateTime(new Date(submitted.dueAt), 'ru'),
    );
    expect(await page.locator('#documents th[scope=row]').first().textContent()).toBe(
      issued.number,
    );
    expect(await page.locator('#history tbody tr').count()).toBeGreaterThanOrEqual(6);
    await expectAccessible();
    await saveScreenshot(page, 'portal-cabinet-application-ru');

    const href = await page.locator('#documents a.download').getAttribute('href');
    expect(href).toBe(`/documents/${issued.id}.pdf`);
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    const pdf = await download.body();
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const textOfPdf = pdfText(pdf).replace(/\s+/g, ' ');
    expect(textOfPdf).toContain(issued.number);
    expect(textOfPdf).toContain(submitted.number);

    // The QR code's address, opened in the browser (the verification page takes ?lang=).
    const verifyPath = new URL(issued.verifyUrl).pathname;
    expect(verifyPath).toBe(`/verify/${issued.id}`);
    await page.goto(`${verifyPath}?lang=ru`);
    expect(await page.locator('[data-genuine]').getAttribute('data-genuine')).toBe('true');
    expect(await page.locator('main').textContent()).toContain('Документ подлинный');
    await expectAccessible();
    await page.goto(`${verifyPath}?lang=kk`);
    expect(await page.locator('main').textContent()).toContain('Құжат түпнұсқа');
  });

  it('shows the same application in Kazakh, takes the questionnaire and an appeal with its status and due', async () => {
    await page.goto(`/cabinet/applications/${submitted.applicationId}?lang=kk`);
    expect(await page.locator('#application-status').textContent()).toBe(
      'Орындау аяқталды, нәтиже берілді',
    );
    expect(await page.locator('#application-due time').textContent()).toBe(
      formatDateTime(new Date(submitted.dueAt), 'kk'),
    );
    await expectAccessible();
    await saveScreenshot(page, 'portal-cabinet-application-kk');

    // A questionnaire sent without answers keeps the page and lists the problems.
    await page.click('form[action$="/questionnaire"] button[type=submit]');
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(await page.locator('.error-summary a').first().getAttribute('href')).toBe(
      '#process-satisfied',
    );
    await expectAccessible();
    await page.check('#process-satisfied');
    await page.check('#information-partially_satisfied');
    await Promise.all([
      page.waitForURL(/done=questionnaire/),
      page.click('form[action$="/questionnaire"] button[type=submit]'),
    ]);
    expect(await page.locator('.notice.ok').textContent()).toContain('Рахмет');
    expect(await page.locator('form[action$="/questionnaire"]').count()).toBe(0);

    await page.fill('#appeal-text', 'Телнұсқада тегім қате жазылған');
    await Promise.all([
      page.waitForURL(/done=appeal/),
      page.click('form[action$="/appeal"] button[type=submit]'),
    ]);
    const appeal = await server.database.db
      .selectFrom('appeal')
      .select(['due_at', 'status'])
      .where('application_id', '=', submitted.applicationId)
      .executeTakeFirstOrThrow();
    expect(appeal.status).toBe('submitted');
    expect(await page.locator('#appeals .appeal-status').first().textContent()).toBe('Тіркелді');
    expect(await page.locator('#appeals .appeal-due time').first().textContent()).toBe(
      formatDateTime(appeal.due_at, 'kk'),
    );
    await expectAccessible();
    await page.goto('/cabinet/notifications');
    await expectAccessible();
    await saveScreenshot(page, 'portal-cabinet-notifications-kk');
  });

  it('shows another citizen a 404 page for this application and its PDF', async () => {
    const stranger = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    await stranger.addCookies([await sessionCookie(cabinetWorld.stranger)]);
    const other = await stranger.newPage();
    const response = await other.goto(`/cabinet/applications/${submitted.applicationId}?lang=ru`);
    expect(response?.status()).toBe(404);
    expect(await other.locator('h1').textContent()).toBe('Страница не найдена');
    expect(await other.content()).not.toContain(submitted.number);
    expect(await seriousAccessibilityViolations(other)).toEqual([]);
    expect((await other.request.get(`/documents/${issued.id}.pdf`)).status()).toBe(404);
    await other.goto('/cabinet');
    expect(await other.locator('.cabinet-applications').count()).toBe(0);
    await stranger.close();
  });
});
