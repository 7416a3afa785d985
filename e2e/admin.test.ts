import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listYearDays } from '../src/domain/calendar/index.js';
import { demoStaffIin } from '../src/features/demo/demo-accounts.js';
import { demoRegionAdministratorOrganisation } from '../src/features/demo/demo-organisations.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { kzCalendar } from '../test/support/calendar.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

// README, "Demo accounts": the region administrator of Kostanay.
const adminIin = demoStaffIin(demoRegionAdministratorOrganisation(), 'region_administrator');
const demoPassword = 'qyzmet2024';
// The demo school's executor (README).
const executorIin = '800101337739';
const registryIin = '800101341083';

describe('the region administrator’s view in a real browser', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const expectAccessible = async () => {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer({ demo: true }), launchBrowser()]);
    context = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    page = await context.newPage();
    await page.goto('/staff/login?lang=ru');
    await page.fill('#iin', adminIin);
    await page.fill('#password', demoPassword);
    await Promise.all([page.waitForURL(/\/admin$/), page.click('main button[type=submit]')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the organisations of Kostanay region only, in ru and kk', async () => {
    expect(await page.locator('#admin-scope').textContent()).toContain('Костанайская область');
    await expectAccessible();
    await page.click('header nav a[href="/admin/organisations"]');
    await page.waitForURL(/\/admin\/organisations$/);
    const ids = await page
      .locator('#organisations tr[data-organisation-id]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-organisation-id')));
    expect(ids).toContain('kst-demo-school');
    expect(ids).toContain('kst-education-kostanay');
    expect(ids.every((id) => id?.startsWith('kst-'))).toBe(true);
    await expectAccessible();
    await saveScreenshot(page, 'admin-organisations-ru');
    await page.goto('/admin/organisations?lang=kk');
    expect(await page.locator('h1').textContent()).toBe('Ұйымдар');
    await expectAccessible();
    await saveScreenshot(page, 'admin-organisations-kk');
  });

  it('shows one organisation with its kind, schedule and staff; another region’s is 404', async () => {
    await page.goto('/admin/organisations/kst-demo-school?lang=ru');
    expect(await page.locator('#organisation-kind').textContent()).toBe(
      'Организация образования (школа)',
    );
    expect(await page.locator('#schedule-name').textContent()).toContain('Канцелярия услугодателя');
    const roles = await page.locator('#staff td.roles').allTextContents();
    expect(await page.locator('#staff details[open]').count()).toBe(0);
    expect(roles.sort()).toEqual(['Исполнитель', 'Канцелярия', 'Руководитель']);
    await expectAccessible();
    await saveScreenshot(page, 'admin-organisation-ru');

    // The registry office's roles, changed through the disclosure form (audited).
    const registry = page.locator('#staff tbody tr', { hasText: registryIin });
    await registry.locator('details.roles-form summary').click();
    await registry.locator('input[value=courier]').check();
    await expectAccessible();
    await Promise.all([
      page.waitForURL(/done=1/),
      registry.locator('details.roles-form button').click(),
    ]);
    expect(await registry.locator('td.roles').textContent()).toBe('Курьер, Канцелярия');
    expect(await page.locator('.notice.ok').textContent()).toContain('Изменение сохранено');
    await page.goto('/admin/organisations/kst-demo-school?lang=kk');
    expect(await page.locator('#organisation-kind').textContent()).toBe(
      'Білім беру ұйымы (мектеп)',
    );
    await expectAccessible();
    await saveScreenshot(page, 'admin-organisation-kk');

    const foreign = await page.goto('/admin/organisations/akt-education-aktobe?lang=ru');
    expect(foreign?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Страница не найдена');
    await expectAccessible();
  });

  it('lists staff and roles, and deactivates and reactivates an account', async () => {
    await page.goto('/admin/staff?lang=ru');
    const row = page.locator('#staff tbody tr', { hasText: executorIin });
    expect(await row.locator('td.roles').textContent()).toBe('Исполнитель');
    await expectAccessible();
    await saveScreenshot(page, 'admin-staff-ru');
    await Promise.all([page.waitForURL(/done=1/), row.locator('button').click()]);
    expect(await row.locator('.tag').textContent()).toBe('отключён');
    await Promise.all([page.waitForURL(/done=1/), row.locator('button').click()]);
    expect(await row.locator('.tag').textContent()).toBe('активен');
    const audit = await server.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'staff_account.%activated')
      .orderBy('id')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      'staff_account.deactivated',
      'staff_account.activated',
    ]);
    await page.goto('/admin/staff?lang=kk');
    await expectAccessible();
    await saveScreenshot(page, 'admin-staff-kk');
  });

  it('shows the regulations in force for Kostanay with their versions and diagrams', async () => {
    await page.goto('/admin/regulations?lang=ru');
    const regions = await page
      .locator('table.regulations')
      .evaluateAll((tables) => tables.map((table) => table.getAttribute('data-region')));
    expect(regions).toEqual(['kostanay']);
    const own = page.locator('tr[data-regulation-id="kostanay.duplicates.2018-12-21"]');
    expect(await own.count()).toBe(1);
    expect(await page.locator('tr[data-regulation-id^="aktobe."]').count()).toBe(0);
    expect(await page.locator('table.regulations .tag.on-time').count()).toBeGreaterThan(0);
    const diagram = await own.locator('a').getAttribute('href');
    const svg = await page.request.get(diagram!);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
    await expectAccessible();
    await saveScreenshot(page, 'admin-regulations-ru');
    await page.goto('/admin/regulations?lang=kk');
    await expectAccessible();
    await saveScreenshot(page, 'admin-regulations-kk');
  });

  it('shows the calendar of days off of a year with its legal sources', async () => {
    await page.goto('/admin/calendar?year=2026&lang=ru');
    const listed = listYearDays(kzCalendar(), 2026);
    expect(await page.locator('#listed-days tbody tr').count()).toBe(listed.length);
    expect(await page.locator('#listed-days').textContent()).toContain('Наурыз');
    expect(await page.locator('#calendar-sources li').count()).toBeGreaterThan(0);
    // 1 and 2 January (New Year) and the weekends 3–4 January are days off.
    expect(await page.locator('#days-off tbody tr').first().textContent()).toMatch(
      /^Январь1, 2, 3, 4,/,
    );
    await expectAccessible();
    await saveScreenshot(page, 'admin-calendar-ru');
    await page.selectOption('#year', '2025');
    await Promise.all([page.waitForURL(/year=2025/), page.click('main form button')]);
    expect(await page.locator('h1').textContent()).toContain('2025');
    await page.goto('/admin/calendar?year=2026&lang=kk');
    await expectAccessible();
    await saveScreenshot(page, 'admin-calendar-kk');
  });
});
