import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  submitRefusedForm,
} from '../test/support/browser.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

// The demo school's head (README, "Demo accounts").
const headIin = '800101357862';
const demoPassword = 'qyzmet2024';

describe('staff sign-in in a real browser', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer({ demo: true }), launchBrowser()]);
    context = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the errors above and beside the fields, keeps the IIN, and passes axe', async () => {
    await page.goto('/staff/login?lang=kk');
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    await saveScreenshot(page, 'staff-login-kk');
    await page.goto('/staff/login?lang=ru');
    // No password: refused for its input, 303 back to the page, whose GET shows the error and the
    // IIN once (issue 18, point 11); a reload is the empty page and sends nothing.
    await page.fill('#iin', headIin);
    await submitRefusedForm(page, '/staff/login', () => page.click('button[type=submit]'));
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#password');
    expect(await page.textContent('.error-summary')).toContain('Введите пароль');
    expect(await page.inputValue('#iin')).toBe(headIin);
    await page.reload();
    expect(await page.locator('.error-summary').count()).toBe(0);
    expect(await page.inputValue('#iin')).toBe('');
    // A wrong password: answered in place (401).
    await page.fill('#iin', headIin);
    await page.fill('#password', 'not the password');
    await page.click('button[type=submit]');
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('Неверный ИИН или пароль');
    expect(await page.inputValue('#iin')).toBe(headIin);
    expect(await page.getAttribute('#iin', 'aria-invalid')).toBe('true');
    // The summary links to the field it is about.
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#iin');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-login-ru-error');
  });

  it('signs in, remembers the language, shows who is signed in, and signs out', async () => {
    await page.goto('/staff/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await page.fill('#iin', headIin);
    await page.fill('#password', demoPassword);
    await Promise.all([page.waitForURL(/\/back-office/), page.click('button[type=submit]')]);
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'qyzmet_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    await page.goto('/staff/login');
    const who = await page.locator('header .who').textContent();
    expect(who).toMatch(/школ|мектеп/i);
    await page.click('header .who button');
    await page.waitForURL(/\/staff\/login/);
    expect(await page.locator('header .who').count()).toBe(0);
    expect(
      await context.cookies().then((all) => all.some((c) => c.name === 'qyzmet_session')),
    ).toBe(false);
  });

  it('refuses a form posted without the anti-forgery token and changes nothing', async () => {
    const response = await page.request.post('/staff/login', {
      form: { iin: headIin, password: demoPassword },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('Форма устарела');
    expect(response.headers()['set-cookie'] ?? '').not.toContain('qyzmet_session');
  });
});
