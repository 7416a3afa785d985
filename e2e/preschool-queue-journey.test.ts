import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIin } from '../src/domain/identity/identity-number-generator.js';
import { demoCitizen, demoPassword } from '../src/features/demo/demo-accounts.js';
import { startSigningWebServer, type SigningWebServer } from '../test/support/back-office-web.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { pdfQrCodes, pdfText } from '../test/support/documents.js';

// README, "Demo accounts": the Shymkent education department keeps the Al-Farabi district's
// queue and publishes the places of its demo kindergartens (seed/queue-kindergartens.yaml).
const department = 'sko-education-shymkent';
const district = 'south-kazakhstan/shymkent-al-farabi';
const childIin = generateIin('2024-03-01', 'male', 7101);

/**
 * Issue 19 in a real browser: the demo parent registers a child, the kindergarten's staff
 * publish a place, the allocation offers it to the child, the parent accepts it with a one-time
 * password and downloads the referral's signed PDF, whose QR code verifies at /verify; the
 * kindergarten enrols; the public lookup and protocol show it all without personal data.
 */
describe('the kindergarten queue in a real browser (issue 19)', () => {
  // Tuesday 1 December 2026, 10:00 in Shymkent.
  const current = new Date('2026-12-01T05:00:00Z');
  const now = () => current;
  let server: SigningWebServer;
  let browser: Browser;
  let parent: BrowserContext;
  let staff: BrowserContext;
  let page: Page;
  let staffPage: Page;
  let slip = '';
  let referral = '';
  let documentHref = '';

  const expectAccessible = async (on: Page) => {
    expect(await seriousAccessibilityViolations(on)).toEqual([]);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startSigningWebServer({
        now,
        signerHolder: {
          iin: '780312350345',
          surname: 'Басшы',
          name: 'Демо',
          organisation: { name: 'Отдел образования', bin: '040340001234', isHead: true },
        },
      }),
      launchBrowser(),
    ]);
    parent = await browser.newContext({ baseURL: server.url, locale: 'kk-KZ' });
    staff = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    page = await parent.newPage();
    staffPage = await staff.newPage();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the demo parent signs in and registers a child in Kazakh: the slip with its number and position 1', async () => {
    await page.goto('/login?lang=kk');
    await page.fill('#iin', demoCitizen.iin);
    await page.fill('#password', demoPassword);
    await Promise.all([page.waitForURL(/\/login\/code/), page.press('#password', 'Enter')]);
    await page.fill('#code', server.sms.lastCodeTo(demoCitizen.phone));
    await Promise.all([page.waitForURL(/\/cabinet/), page.press('#code', 'Enter')]);
    await page.goto(`/cabinet/queue/new?district=${encodeURIComponent(district)}&lang=kk`);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    await expectAccessible(page);
    await page.fill('#childIin', childIin);
    await page.fill('#birthDate', '2024-03-01');
    await page.fill('#phone', demoCitizen.phone);
    await page.selectOption('#category', 'general');
    await page.check('input[name=kindergarten][value="sko-kg-balbobek"]');
    await page.selectOption('#language', 'ru');
    await page.fill('#desiredStart', '2026-09-01');
    await Promise.all([
      page.waitForURL(/\/cabinet\/queue\?/),
      page.click('#queue-register-form button[type=submit]'),
    ]);
    slip = /registered=(Q-[\d-]+)/.exec(page.url())![1]!;
    expect(await page.locator('body').textContent()).toContain(slip);
    await expectAccessible(page);
    await saveScreenshot(page, 'queue-registered-kk');
    // Anyone looks the slip up: the position and its explanation, no personal data.
    const visitor = await browser.newContext({ baseURL: server.url, locale: 'kk-KZ' });
    const open = await visitor.newPage();
    await open.goto(`/queue/position?number=${slip}&lang=kk`);
    expect(await open.locator('.queue-position').getAttribute('data-position')).toBe('1');
    expect(await open.locator('.position-change').count()).toBe(1);
    const lookup = (await open.locator('main').textContent())!;
    expect(lookup).toContain(slip);
    for (const personal of [childIin, demoCitizen.iin, demoCitizen.phone, 'Сейткалиева'])
      expect(lookup).not.toContain(personal);
    await expectAccessible(open);
    await visitor.close();
  });

  it('the kindergarten’s staff publish a place in Russian: the allocation offers it to the child', async () => {
    const executor = server.demo.staff.find(
      (s) => s.organisationId === department && s.role === 'executor',
    )!;
    await staffPage.goto('/staff/login?lang=ru');
    await staffPage.fill('#iin', executor.iin);
    await staffPage.fill('#password', demoPassword);
    await Promise.all([
      staffPage.waitForURL(/\/back-office/),
      staffPage.press('#password', 'Enter'),
    ]);
    await staffPage.goto('/back-office/kindergarten-places?lang=ru');
    await expectAccessible(staffPage);
    await staffPage.selectOption('#group', 'sko-kg-balbobek-ru-2');
    await staffPage.fill('#places', '1');
    await Promise.all([
      staffPage.waitForURL(/offered=/),
      staffPage.click('#publish-form button[type=submit]'),
    ]);
    expect(await staffPage.locator('#places-offered').textContent()).toContain(slip);
  });

  it('the parent accepts the offer with a one-time password and downloads the referral’s signed PDF', async () => {
    await page.goto('/cabinet/queue?lang=ru');
    await page.click(`#queue-offers-table tr[data-status="open"] a`);
    await page.waitForURL(/\/cabinet\/queue\/offers\//);
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/challenge=/), page.click('form[action$="/code"] button')]);
    await page.fill('#code', server.sms.lastCodeTo(demoCitizen.phone));
    await Promise.all([
      page.waitForURL(/\/cabinet\/queue\/offers\/[0-9a-f-]{36}$/),
      page.click('#queue-accept-form button[type=submit]'),
    ]);
    referral = (await page.locator('#referral-number').textContent())!.trim();
    expect(referral).toMatch(/^N-\d{4}-\d{4}-\d{2}-\d{2}$/);
    documentHref = (await page.getAttribute('#referral-pdf', 'href'))!;
    expect(documentHref).toMatch(/^\/documents\/[0-9a-f-]{36}\.pdf$/);
    await expectAccessible(page);
    await saveScreenshot(page, 'queue-referral-ru');
    const download = await parent.request.get(documentHref);
    expect(download.status()).toBe(200);
    const pdf = new Uint8Array(await download.body());
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const fact of [
      'Направление в детскую дошкольную организацию',
      'Мектепке дейінгі ұйымға жолдама',
      referral,
      slip,
      childIin,
      'Ясли-сад №12 «Балбобек»',
      'одноразовым паролем',
    ])
      expect(text).toContain(fact);
    // Its QR code opens /verify, which says genuine.
    const [qr] = pdfQrCodes(pdf);
    expect(qr).toContain('/verify/');
    await page.goto(`${new URL(qr!).pathname}?lang=kk`);
    expect(await page.locator('[data-genuine]').getAttribute('data-genuine')).toBe('true');
    expect(await page.locator('body').textContent()).toContain('Құжат түпнұсқа');
    await expectAccessible(page);
  });

  it('the kindergarten sees the referral with its PDF and enrols the child', async () => {
    await staffPage.goto('/back-office/kindergarten-places?lang=ru');
    const row = staffPage.locator(`#kindergarten-referrals tr[data-referral="${referral}"]`);
    expect(await row.locator('a').getAttribute('href')).toBe(documentHref);
    await staffPage.fill('#referral', referral);
    await Promise.all([
      staffPage.waitForURL(/enrolled=1/),
      staffPage.click('form[action$="/enrol"] button[type=submit]'),
    ]);
    await expectAccessible(staffPage);
  });

  it('the public protocol lists the referral, without personal data', async () => {
    const visitor = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    const open = await visitor.newPage();
    await open.goto(`/queue/protocol?district=${encodeURIComponent(district)}&lang=ru`);
    const protocol = (await open.locator('main').textContent())!;
    expect(protocol).toContain(referral);
    expect(protocol).not.toContain(childIin);
    await expectAccessible(open);
    await visitor.close();
  });
});
