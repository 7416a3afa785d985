import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorData } from '../src/integrations/simulator/synthetic-people.js';
import { defaultOtpPolicy } from '../src/signing/one-time-password.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

// Issue 18, point 5, "must show": a citizen who mistypes the sign-in code three times is
// offered "send a new code", which works without the password; a citizen who reaches the
// phone's hourly limit of codes sees a localised page saying how many minutes to wait (not a
// bare "Too many requests"), and after that wait signs in again. The server's clock is the
// test's; the codes are read from the server's SMS outbox.

const simulatorData = createSimulatorData();
const person = simulatorData.people.filter((p) => p.birthDate <= '2000-01-01')[31]!;
// The code that proves the IIN goes to the phone the mobile-citizens registry holds for it.
const phone = simulatorData.mobileCitizens.find((record) => record.iin === person.iin)!.phone;
const password = 'Limits-2026-journey';

let clockMs = Date.now();
const now = () => new Date(clockMs);

describe('a citizen at the one-time-code limits, in a real browser (issue 18, point 5)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const sentTo = () => server.sms.messages.filter((message) => message.phone === phone).length;

  const checkPage = async (screenshot?: string) => {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshot) await saveScreenshot(page, screenshot);
  };
  const wrongCode = () => (server.sms.lastCodeTo(phone) === '999999' ? '999998' : '999999');
  /** /login with IIN and password: the code page, one more code sent. */
  const startSignIn = async (lang: 'kk' | 'ru') => {
    await context.clearCookies();
    await page.goto(`/login?lang=${lang}`);
    await page.fill('#iin', person.iin);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(/\/login\/code/), page.click('main button[type=submit]')]);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer({ now }), launchBrowser()]);
    context = await browser.newContext({ baseURL: server.url });
    page = await context.newPage();
    // Registration proves the IIN with a code sent to the registry's phone.
    await page.goto('/register?lang=ru');
    await page.fill('#iin', person.iin);
    await Promise.all([
      page.waitForURL(/\/register\/code/),
      page.click('main button[type=submit]'),
    ]);
    await page.fill('#code', server.sms.lastCodeTo(phone));
    await page.fill('#password', password);
    await page.fill('#password2', password);
    await Promise.all([page.waitForURL(/\/login\?/), page.click('main button[type=submit]')]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('after three wrong codes the page offers a new code, which signs the citizen in (ru)', async () => {
    await startSignIn('ru');
    const firstCode = server.sms.lastCodeTo(phone);
    const wrong = wrongCode();
    for (let attempt = 1; attempt <= defaultOtpPolicy.maxAttempts; attempt += 1) {
      await page.fill('#code', wrong);
      await page.click('main form[action="/login/code"] button[type=submit]');
      await page.waitForLoadState();
    }
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Превышено число попыток ввода. Запросите новый пароль.',
    );
    const resend = page.locator('#resend-code');
    expect((await resend.textContent())!.trim()).toBe('Отправить новый код');
    await checkPage('sign-in-limits-exhausted-ru');

    const before = sentTo();
    await Promise.all([page.waitForURL(/resent=1/), resend.click()]);
    await expect.poll(sentTo).toBe(before + 1);
    expect(await page.locator('main [role=status]').textContent()).toContain(
      'Новый код отправлен. Прежний код больше не действует.',
    );
    await checkPage('sign-in-limits-resent-ru');
    const newCode = server.sms.lastCodeTo(phone);
    expect(newCode).not.toBe(firstCode);
    await page.fill('#code', newCode);
    await Promise.all([page.waitForURL(/\/cabinet/), page.click('main button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/cabinet');
  });

  it('at the phone’s hourly limit of codes the page says how long to wait, in ru and kk; after the wait a new code works', async () => {
    await startSignIn('ru');
    // New codes until the phone's hourly limit (every purpose together: registration, sign-ins,
    // resends) is reached; all were sent at the same moment of the test's clock.
    while (sentTo() < defaultOtpPolicy.maxSendsPerWindow) {
      const before = sentTo();
      await Promise.all([page.waitForURL(/resent=1/), page.click('#resend-code')]);
      await expect.poll(sentTo).toBe(before + 1);
    }
    const before = sentTo();
    const refused = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/login/code/resend')),
      page.click('#resend-code'),
    ]).then(([response]) => response);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBe(defaultOtpPolicy.sendWindowMs / 1000);
    await page.waitForLoadState();
    expect(sentTo()).toBe(before);
    const summary = (await page.locator('.error-summary').textContent())!;
    expect(summary).toContain(
      'На этот телефон отправлено слишком много кодов. Новый код можно получить через 60 мин.',
    );
    const main = (await page.locator('main').textContent())!;
    expect(main).not.toMatch(/Too many requests|Слишком много попыток/);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await checkPage('sign-in-limits-send-limit-ru');

    // Signing in again at the limit: the sign-in page says the same, in Kazakh.
    await context.clearCookies();
    await page.goto('/login?lang=kk');
    await page.fill('#iin', person.iin);
    await page.fill('#password', password);
    const [login] = await Promise.all([
      page.waitForResponse((response) => new URL(response.url()).pathname === '/login'),
      page.click('main button[type=submit]'),
    ]);
    expect(login.status()).toBe(429);
    await page.waitForLoadState();
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Осы телефонға кодтар тым көп жіберілді. Жаңа кодты 60 минуттан кейін сұрауға болады.',
    );
    expect(sentTo()).toBe(before);
    await checkPage('sign-in-limits-send-limit-kk');

    // Twenty minutes later the wait shown is forty minutes.
    clockMs += 20 * 60_000;
    await page.fill('#password', password);
    await page.click('main button[type=submit]');
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Жаңа кодты 40 минуттан кейін сұрауға болады.',
    );

    // After the hour, the sign-in sends a code again and it opens the cabinet.
    clockMs += 41 * 60_000;
    await startSignIn('kk');
    await expect.poll(sentTo).toBe(before + 1);
    await page.fill('#code', server.sms.lastCodeTo(phone));
    await Promise.all([page.waitForURL(/\/cabinet/), page.click('main button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/cabinet');
  });
});
