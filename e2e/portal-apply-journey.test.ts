import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorData } from '../src/integrations/simulator/synthetic-people.js';
import { formatDateTime } from '../src/http/web/messages.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

// People the registry simulator knows (the national duplicates check the applicant there).
const simulatorData = createSimulatorData();
const adults = simulatorData.people.filter((person) => person.birthDate <= '2000-01-01');
const password = 'Portal-2026-pass';
const regulationId = 'national.duplicates.2020-01-01';
const scan = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(2048, 0x20),
  Buffer.from('%%EOF\n'),
]);

/** Checks the page with axe and, when named, keeps a screenshot. */
async function checkPage(page: Page, screenshot?: string) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  if (screenshot) await saveScreenshot(page, screenshot);
}

describe('citizen portal: register, sign in, apply with an upload, certify by SMS code', () => {
  let server: WebTestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['kk', 0],
    ['ru', 1],
  ] as const)('the whole journey in %s', async (lang, index) => {
    const person = adults[index + 10]!;
    // Registration proves the IIN: the code goes to the phone the mobile-citizens registry
    // (the simulator) holds for it.
    const phone = simulatorData.mobileCitizens.find((record) => record.iin === person.iin)!.phone;
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();

    await page.goto(`/?lang=${lang}`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.locator('a[href="/home-visit"]').count()).toBeGreaterThan(0);
    await checkPage(page, `portal-home-${lang}`);

    // The catalogue, searched without JavaScript, in the chosen region.
    await page.goto('/services?region=kostanay&q=duplicates');
    await checkPage(page, `portal-catalogue-${lang}`);
    await Promise.all([page.waitForURL(/\/services\/duplicates/), page.click('main .cards a')]);
    expect(await page.locator('main').textContent()).toContain('15');
    await checkPage(page, `portal-service-${lang}`);

    // Apply → sign-in required → register.
    await Promise.all([
      page.waitForURL(/\/login\?next=/),
      page.click(`a[href="/apply/${regulationId}"]`),
    ]);
    await Promise.all([page.waitForURL(/\/register/), page.click('main a[href^="/register"]')]);
    await checkPage(page);
    await page.fill('#iin', person.iin);
    await Promise.all([
      page.waitForURL(/\/register\/code/),
      page.click('main button[type=submit]'),
    ]);
    await checkPage(page);
    await page.fill('#code', server.sms.lastCodeTo(phone));
    await page.fill('#password', password);
    await page.fill('#password2', password);
    await Promise.all([page.waitForURL(/\/login\?/), page.click('main button[type=submit]')]);
    await checkPage(page, `portal-login-${lang}`);

    // Sign in: password, then the code from the SMS.
    await page.fill('#iin', person.iin);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(/\/login\/code/), page.click('main button[type=submit]')]);
    await checkPage(page);
    await page.fill('#code', server.sms.lastCodeTo(phone));
    await Promise.all([
      page.waitForURL(new RegExp(`/apply/${regulationId}$`)),
      page.click('main button[type=submit]'),
    ]);
    const session = (await context.cookies()).find((cookie) => cookie.name === 'qyzmet_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');

    // The form generated from the regulation; the applicant's IIN is filled in.
    expect(await page.inputValue('#f-applicant-iin')).toBe(person.iin);
    await checkPage(page, `portal-form-${lang}`);
    await page.selectOption('#provider', 'kst-demo-school');
    await page.selectOption('#front-office', 'kst-front-office');
    await page.check('#f-document-status-1'); // damaged → the original must be attached
    await page.check('#f-name-changed-1');
    await Promise.all([page.waitForURL(/\/documents$/), page.click('main button[type=submit]')]);
    await checkPage(page);

    // Upload the scan of the damaged original; the checksum is shown.
    await page.selectOption('#kind', 'original-education-document');
    await page.setInputFiles('#file', {
      name: 'attestat.pdf',
      mimeType: 'application/pdf',
      buffer: scan,
    });
    await Promise.all([
      page.waitForURL(/uploaded=/),
      page.click('main form[enctype] button[type=submit]'),
    ]);
    const sha256 = createHash('sha256').update(scan).digest('hex');
    expect(await page.locator('main .notice').textContent()).toContain(sha256);
    expect(await page.locator('main table').textContent()).toContain(sha256);
    await checkPage(page, `portal-documents-${lang}`);

    // Review, then the code that certifies and submits.
    await Promise.all([page.waitForURL(/\/review$/), page.click('main a.button')]);
    expect(await page.locator('main').textContent()).toContain('attestat.pdf');
    await checkPage(page, `portal-review-${lang}`);
    await Promise.all([
      page.waitForURL(/\/certify\?/),
      page.click('main form button[type=submit]'),
    ]);
    await checkPage(page, `portal-certify-${lang}`);
    await page.fill('#code', server.sms.lastCodeTo(phone));
    await Promise.all([page.waitForURL(/\/done$/), page.click('main form button[type=submit]')]);
    await checkPage(page, `portal-confirmation-${lang}`);

    // The number and the due date the engine computed (formatted in UTC+5).
    const number = (await page.locator('.application-number').textContent())!.trim();
    expect(number).toMatch(/^\d{4}-\d{7}$/);
    // The check code shown beside the number opens the public status (issue 16, defect 9).
    const code = (await page.locator('.status-check-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const status = await page.request.get(`/api/v1/public/status/${number}?code=${code}`);
    expect(status.status()).toBe(200);
    const { dueAt } = (await status.json()) as { dueAt: string };
    expect(await page.getAttribute('.due-at', 'datetime')).toBe(dueAt);
    expect((await page.locator('.due-at').textContent())!.trim()).toBe(
      formatDateTime(new Date(dueAt), lang),
    );
    expect(await page.getAttribute('main a.button', 'href')).toMatch(
      /^\/cabinet\/applications\/[0-9a-f-]{36}$/,
    );

    // The public status page finds it and shows no personal data.
    const anonymous = await browser.newContext({ baseURL: server.url });
    const visitor = await anonymous.newPage();
    await visitor.goto(`/status?lang=${lang}&number=${number}&code=${code}`);
    const shown = (await visitor.locator('main').textContent())!;
    expect(shown).toContain(number);
    expect(shown).not.toContain(person.iin);
    for (const name of [person.lastName, person.firstName]) {
      expect(shown).not.toContain(name[lang === 'kk' ? 'kk' : 'ru']);
    }
    await checkPage(visitor, `portal-status-${lang}`);
    await anonymous.close();
    await context.close();
  });
});
