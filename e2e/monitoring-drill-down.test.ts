import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import { demoStaffIin } from '../src/features/demo/demo-accounts.js';
import { demoRegionAdministratorOrganisation } from '../src/features/demo/demo-organisations.js';
import { refreshAllIndicators } from '../src/features/monitoring/refresh-indicators.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

// README, "Demo accounts": the region administrator of Kostanay.
const adminIin = demoStaffIin(demoRegionAdministratorOrganisation(), 'region_administrator');
const demoPassword = 'qyzmet2024';

/** RFC 4180 fields of a CSV text (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Issue 20: the region administrator drills the quality indicators down region → district →
 * provider → service → the applications behind a number, in Russian and in Kazakh, with axe on
 * every page; each chart's bars equal its data table, and the CSV downloads hold the same numbers.
 */
describe('the quality monitoring drill-down in a real browser', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let year: string;

  const expectAccessible = async () => {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  };

  /** The breakdown table's rows: key, name and the values of its columns (data-value). */
  const breakdown = async () =>
    page.locator('#breakdown tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        key: row.getAttribute('data-key') ?? '',
        name: (row.querySelector('th')?.textContent ?? '').trim(),
        values: [...row.querySelectorAll('td')].map((cell) => cell.getAttribute('data-value')),
      })),
    );

  /** The chart's bars equal the on-time column of the table beside it (its alternative). */
  const expectChartEqualsTable = async () => {
    const bars = await page
      .locator('svg.on-time-chart g[data-key]')
      .evaluateAll((groups) =>
        groups.map((group) => [group.getAttribute('data-key'), group.getAttribute('data-value')]),
      );
    const rows = await breakdown();
    expect(bars.length).toBeGreaterThan(0);
    // Column 3 of the breakdown is "on time, %".
    expect(bars).toEqual(rows.map((row) => [row.key, row.values[2]]));
    expect(await page.locator('svg.on-time-chart').getAttribute('role')).toBe('img');
  };

  /**
   * The page fits its width: nothing overflows the page, and at 1280 px no table scrolls inside
   * its box (the breakdown's eleven columns wrap their headings); the chart's text keeps its size
   * whatever the number of bars and the width (it once scaled with the column: 38 px for one bar).
   */
  const expectFits = async (width: 1280 | 390) => {
    await page.setViewportSize({ width, height: 720 });
    const layout = {
      page: (await page.locator('html').evaluate((html) => html.scrollWidth)) - width,
      scrolling: await page
        .locator('.table-wrap')
        .evaluateAll((wraps) =>
          wraps
            .filter((wrap) => wrap.scrollWidth > wrap.clientWidth)
            .map((wrap) => wrap.querySelector('table')?.id ?? '?'),
        ),
      chartText: await page
        .locator('svg.on-time-chart text')
        .evaluateAll((texts) =>
          texts.map((text) => Math.round(text.getBoundingClientRect().height)),
        ),
    };
    expect(layout.page, `page overflow at ${width}`).toBeLessThanOrEqual(0);
    if (width === 1280) expect(layout.scrolling, 'tables scrolling at 1280').toEqual([]);
    expect(layout.chartText.length).toBeGreaterThan(0);
    for (const height of layout.chartText) {
      expect(height, `chart text at ${width}`).toBeGreaterThanOrEqual(12);
      expect(height, `chart text at ${width}`).toBeLessThanOrEqual(20);
    }
    if (width !== 1280) await page.setViewportSize({ width: 1280, height: 720 });
  };

  /** The value of one indicator of the totals table. */
  const indicator = async (measure: string) =>
    Number(
      await page.locator(`#indicators tr[data-measure="${measure}"] td`).getAttribute('data-value'),
    );

  /** Clicks a download link and returns the file's text. */
  const download = async (link: ReturnType<Page['locator']>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return fs.readFileSync((await file.path())!, 'utf8');
  };

  /** Goes one level down: the first row with applications received. */
  const drillDown = async (parameter: string) => {
    const rows = await breakdown();
    const row = rows.find((candidate) => Number(candidate.values[0]) > 0);
    expect(row, `a row with applications at ${parameter}`).toBeDefined();
    await Promise.all([
      page.waitForURL(new RegExp(`[?&]${parameter}=`)),
      page.locator(`#breakdown tr[data-key="${row!.key}"] th a`).click(),
    ]);
    return row!;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer({ demo: true }), launchBrowser()]);
    // The in-process server runs no worker: one round of the monitoring job, as a worker would.
    const services = await loadApplicationServices(server.database.db, () => new Date());
    expect(await refreshAllIndicators(services)).toBeGreaterThan(0);
    // The demo's applications are dated inside their regulations' periods: the latest year
    // in which Kostanay received applications.
    const latest = await server.database.db
      .selectFrom('monitoring_count')
      .select('period_start')
      .where('grain', '=', 'month')
      .where('measure', '=', 'received')
      .where('region_code', 'in', ['kostanay'])
      .where('count', '>', 0)
      .orderBy('period_start', 'desc')
      .executeTakeFirstOrThrow();
    year = String(latest.period_start).slice(0, 4);
    context = await browser.newContext({
      baseURL: server.url,
      locale: 'ru-RU',
      acceptDownloads: true,
    });
    page = await context.newPage();
    await page.goto('/staff/login?lang=ru');
    await page.fill('#iin', adminIin);
    await page.fill('#password', demoPassword);
    await Promise.all([page.waitForURL(/\/admin$/), page.click('main button[type=submit]')]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const locale of ['ru', 'kk'] as const) {
    it(`drills region → district → provider → service → applications (${locale})`, async () => {
      const title = { ru: 'Качество оказания услуг', kk: 'Қызмет көрсету сапасы' }[locale];
      await page.goto(`/admin/monitoring?period=${year}&lang=${locale}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('h1').textContent()).toBe(title);
      await expectAccessible();
      await expectChartEqualsTable();
      await expectFits(1280);
      await expectFits(390);
      await saveScreenshot(page, `monitoring-region-${locale}`);
      const regionReceived = await indicator('received');
      const districts = await breakdown();
      // The region's total is the sum of its rows.
      expect(districts.reduce((sum, row) => sum + Number(row.values[0]), 0)).toBe(regionReceived);

      // The breakdown as CSV: a BOM for Excel, the localised heading, the same numbers.
      const csv = await download(page.locator('a[href*="table=breakdown"]'));
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const [heading, ...lines] = parseCsv(csv.slice(1));
      expect(heading![0]).toBe({ ru: 'Наименование', kk: 'Атауы' }[locale]);
      expect(lines.map((line) => [line[0], line[1]])).toEqual(
        districts.map((row) => [row.name, row.values[0]]),
      );

      const district = await drillDown('district');
      expect(await indicator('received')).toBe(Number(district.values[0]));
      expect(await page.locator('.trail li').count()).toBe(2);
      await expectAccessible();
      await expectChartEqualsTable();
      await expectFits(1280);
      await saveScreenshot(page, `monitoring-district-${locale}`);

      const provider = await drillDown('provider');
      expect(await indicator('received')).toBe(Number(provider.values[0]));
      expect(await page.locator('.trail li').count()).toBe(3);
      await expectAccessible();
      await expectChartEqualsTable();
      await expectFits(1280);
      await saveScreenshot(page, `monitoring-provider-${locale}`);

      const service = await drillDown('service');
      const received = await indicator('received');
      expect(received).toBe(Number(service.values[0]));
      expect(await page.locator('.trail li').count()).toBe(4);
      expect(await page.locator('.trail li').last().textContent()).toBe(service.name);
      await expectAccessible();
      await expectChartEqualsTable();
      await expectFits(1280);
      await saveScreenshot(page, `monitoring-service-${locale}`);

      // The applications behind "received": as many as the number (one page holds 200).
      await Promise.all([
        page.waitForURL(/\/admin\/monitoring\/applications\?.*measure=received/),
        page.locator('#indicators tr[data-measure="received"] a').click(),
      ]);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      const numbers = await page
        .locator('#applications tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-number') ?? ''));
      expect(numbers.length).toBe(Math.min(received, 200));
      await expectAccessible();
      await saveScreenshot(page, `monitoring-applications-${locale}`);

      // Its CSV: the same application numbers, in order, under localised headings.
      const list = await download(page.locator('a[href*="table=applications"]'));
      expect(list.startsWith('\uFEFF')).toBe(true);
      const [listHeading, ...listLines] = parseCsv(list.slice(1));
      expect(listHeading![0]).toBe({ ru: 'Номер заявления', kk: 'Өтініш нөмірі' }[locale]);
      expect(listLines.map((line) => line[0])).toEqual(numbers);
      // No personal data in the list: no IIN (twelve digits) anywhere.
      expect(list).not.toMatch(/\b\d{12}\b/);
    }, 300_000);
  }
});
