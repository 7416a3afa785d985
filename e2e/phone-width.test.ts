// Issue 18, point 10: on a phone (390×844) nothing is wider than the screen — the cabinet's
// list, an application's page, the verification pages, the open data of issue 20 — in Kazakh and Russian. Screenshots of
// each are kept in artifacts/screenshots/phone-*.png.
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxFileBytes } from '../src/domain/portal/uploaded-file.js';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import { demoCitizen, demoPassword } from '../src/features/demo/demo-accounts.js';
import { refreshAllIndicators } from '../src/features/monitoring/refresh-indicators.js';
import { sessionCookieName } from '../src/http/session-cookie.js';
import { issueMessage } from '../src/http/web/portal/texts.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

const phone = { width: 390, height: 844 };

/** An element that sticks out of the screen: what it is, and how far. */
interface Overflow {
  readonly element: string;
  readonly left: number;
  readonly right: number;
  readonly width: number;
}

/**
 * Every visible element whose box leaves the viewport (to the left or the right), and the
 * document's scroll width. Visually hidden elements (the skip link, hidden captions) are not
 * seen and do not count.
 */
async function overflowsOf(
  page: Page,
): Promise<{ viewport: number; scrollWidth: number; overflows: Overflow[] }> {
  // A string, not a function: this file is compiled without the DOM library.
  return (await page.evaluate(`(() => {
    const viewport = document.documentElement.clientWidth;
    const overflows = [];
    for (const element of document.querySelectorAll('body *')) {
      if (element.closest('.visually-hidden, .skip')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right <= viewport + 0.5 && box.left >= -0.5) continue;
      const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
        (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
      overflows.push({ element: name, left: Math.round(box.left), right: Math.round(box.right), width: Math.round(box.width) });
    }
    return { viewport, scrollWidth: document.documentElement.scrollWidth, overflows };
  })()`)) as { viewport: number; scrollWidth: number; overflows: Overflow[] };
}

describe('the citizen’s pages on a phone (390×844)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let applicationId: string;
  let documentId: string;
  let openDataYear: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer({ demo: true }), launchBrowser()]);
    const db = server.database.db;
    // A completed application with its issued document: the fullest page there is.
    const completed = await db
      .selectFrom('application')
      .select('id')
      .where('applicant_iin', '=', demoCitizen.iin)
      .where('status', '=', 'completed')
      .orderBy('number')
      .execute();
    const documents = await db
      .selectFrom('document')
      .select(['id', 'application_id'])
      .where(
        'application_id',
        'in',
        completed.map((row) => row.id),
      )
      .execute();
    // The open data's widest table: a year of the demo's applications (one monitoring round).
    await refreshAllIndicators(await loadApplicationServices(db, () => new Date()));
    const latest = await db
      .selectFrom('monitoring_count')
      .select('period_start')
      .where('grain', '=', 'month')
      .where('measure', '=', 'received')
      .orderBy('period_start', 'desc')
      .executeTakeFirstOrThrow();
    openDataYear = String(latest.period_start).slice(0, 4);
    documentId = documents[0]!.id;
    applicationId = documents[0]!.application_id!;
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await post('/api/auth/login', { iin: demoCitizen.iin, password: demoPassword });
    const { challengeId } = (await login.json()) as { challengeId: string };
    const confirmed = await post('/api/auth/login/confirm', {
      challengeId,
      code: server.sms.lastCodeTo(demoCitizen.phone),
    });
    const token = confirmed.headers
      .getSetCookie()
      .find((header) => header.startsWith(`${sessionCookieName}=`))!
      .split(';')[0]!
      .split('=')[1]!;
    context = await browser.newContext({
      baseURL: server.url,
      viewport: phone,
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
    });
    await context.addCookies([{ name: sessionCookieName, value: token, url: server.url }]);
    page = await context.newPage();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages = () => [
    { name: 'cabinet', path: '/cabinet' },
    { name: 'application', path: `/cabinet/applications/${applicationId}` },
    { name: 'notifications', path: '/cabinet/notifications' },
    { name: 'verify', path: '/verify' },
    { name: 'verify-document', path: `/verify/${documentId}` },
    { name: 'open-data', path: `/open-data/quality?period=${openDataYear}` },
  ];

  for (const locale of ['kk', 'ru'] as const) {
    it(`has nothing wider than the screen (${locale})`, async () => {
      const found: Record<string, Overflow[]> = {};
      for (const { name, path } of pages()) {
        const response = await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${locale}`);
        expect(response?.status(), path).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        // The open data's figures are there (its tables are what could be too wide).
        if (name === 'open-data')
          expect(await page.locator('table[data-region]').count()).toBeGreaterThan(0);
        await saveScreenshot(page, `phone-${name}-${locale}`);
        const { viewport, scrollWidth, overflows } = await overflowsOf(page);
        expect(viewport).toBe(phone.width);
        if (overflows.length > 0 || scrollWidth > viewport) found[name] = overflows;
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      }
      expect(found).toEqual({});
    }, 120_000);
  }

  it('styles /verify like the rest of the site (the site’s header, sheet and language switch)', async () => {
    await page.goto('/verify?lang=ru');
    expect(await page.locator('header.site').count()).toBe(1);
    expect(await page.locator('link[rel=stylesheet][href^="/assets/site.css"]').count()).toBe(1);
    expect(await page.locator('main h1').count()).toBe(1);
    expect(
      await page.locator('header.site a[hreflang="kk"], header.site a[lang="kk"]').count(),
    ).toBeGreaterThan(0);
  });
  it('refuses a copy over the file limit on /verify in the browser, sending nothing; the server refuses it too', async () => {
    await page.goto(`/verify/${documentId}?lang=kk`);
    expect(await page.getAttribute('#file', 'data-upload-max-bytes')).toBe(String(maxFileBytes));
    const sent: string[] = [];
    const record = (request: Request) => sent.push(`${request.method()} ${request.url()}`);
    page.on('request', record);
    const big = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(maxFileBytes + 1024, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    await page.setInputFiles('#file', {
      name: 'copy.pdf',
      mimeType: 'application/pdf',
      buffer: big,
    });
    const tooLarge = issueMessage({ path: 'file', rule: 'file_too_large' }, 'kk');
    await expect
      .poll(() => page.locator('.field.invalid #file-error').textContent())
      .toBe(tooLarge);
    await page.click('main form[enctype] button[type=submit]');
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe(`/verify/${documentId}`);
    expect(sent).toEqual([]);
    page.off('request', record);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Without the browser's check (a script-less client), the server gives the same message.
    const form = new FormData();
    form.set('file', new File([big], 'copy.pdf', { type: 'application/pdf' }));
    const answer = await fetch(`${server.url}/verify/${documentId}?lang=ru`, {
      method: 'POST',
      body: form,
    });
    expect(answer.status).toBe(422);
    expect(await answer.text()).toContain(
      issueMessage({ path: 'file', rule: 'file_too_large' }, 'ru'),
    );
  });
});
