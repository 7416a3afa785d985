import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIin } from '../src/domain/identity/identity-number-generator.js';
import { Sex } from '../src/domain/identity/iin.js';
import { maxDraftBytes, maxFileBytes } from '../src/domain/portal/uploaded-file.js';
import { confirmCitizenLogin } from '../src/features/identity/confirm-citizen-login.js';
import { startCitizenLogin } from '../src/features/identity/start-citizen-login.js';
import { issueMessage } from '../src/http/web/portal/texts.js';
import { createOrganisation } from '../test/support/applications.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { registerProvenCitizen } from '../test/support/citizens.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

const regulationId = 'national.duplicates.2020-01-01';
const password = 'Portal-2026-pass';

/** A PDF of `bytes` bytes (the server recognises PDFs by their first bytes). */
function pdfOf(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(bytes - head.length - tail.length, 0x20), tail]);
}

/** Every request the page sends from now on. */
function recordRequests(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => sent.push(request));
  return sent;
}

describe('uploads on the portal: refused in the browser above the limit, progress for large ones (issue 18, point 11)', () => {
  let server: WebTestServer;
  let browser: Browser;
  const sessions: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(), launchBrowser()]);
    await createOrganisation(server.database, {
      id: 'kst-school-e2e',
      kind: 'school',
      regionCode: 'kostanay',
      nameKk: 'Қостанайдың №7 мектебі',
      nameRu: 'Школа №7 Костаная',
    });
    await createOrganisation(server.database, {
      id: 'kst-front-office-e2e',
      kind: 'front_office',
      regionCode: 'kostanay',
      nameKk: 'Қостанай ХҚКО',
      nameRu: 'ЦОН Костаная',
    });
    const services = { db: server.database.db, sms: server.sms };
    for (const n of [1, 2, 3]) {
      const iin = generateIin('1991-02-03', Sex.female, 5170 + n);
      const phone = `+7701555017${n}`;
      const now = new Date();
      await registerProvenCitizen(services, { iin, phone, password }, now);
      const challenge = await startCitizenLogin(services, { iin, password }, now);
      const session = await confirmCitizenLogin(
        services,
        { challengeId: challenge.challengeId, code: server.sms.lastCodeTo(phone) },
        now,
      );
      sessions.push(session.token);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A signed-in citizen's browser on the documents step of a fresh draft. */
  async function onDocumentsStep(
    index: number,
    lang: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: server.url });
    await context.addCookies([
      {
        name: 'qyzmet_session',
        value: sessions[index]!,
        url: server.url,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    const page = await context.newPage();
    await page.goto(`/apply/${regulationId}?lang=${lang}`);
    await page.selectOption('#provider', 'kst-school-e2e');
    await page.selectOption('#front-office', 'kst-front-office-e2e');
    await page.check('#f-document-status-1');
    await page.check('#f-name-changed-0');
    await Promise.all([page.waitForURL(/\/documents$/), page.click('main button[type=submit]')]);
    return { context, page };
  }

  it.each(['kk', 'ru', 'en'] as const)(
    'in %s: a 20 MB file is refused beside the field and nothing is sent; a normal file goes through',
    async (lang) => {
      const { context, page } = await onDocumentsStep(['kk', 'ru', 'en'].indexOf(lang), lang);
      // The limits the page gives the browser are the platform's own.
      expect(await page.getAttribute('#file', 'data-upload-max-bytes')).toBe(String(maxFileBytes));
      expect(await page.getAttribute('#file', 'data-upload-remaining-bytes')).toBe(
        String(maxDraftBytes),
      );

      const sent = recordRequests(page);
      const big = pdfOf(20 * 1024 * 1024);
      await page.setInputFiles('#file', {
        name: 'scan-20mb.pdf',
        mimeType: 'application/pdf',
        buffer: big,
      });
      const tooLarge = issueMessage({ path: 'file', rule: 'file_too_large' }, lang);
      const error = page.locator('.field.invalid #file-error');
      await expect.poll(() => error.textContent()).toBe(tooLarge);
      expect(await page.getAttribute('#file', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#file', 'aria-describedby')).toContain('file-error');
      // Sending anyway: refused in the page, the field focused, no request at all.
      await page.click('main form[enctype] button[type=submit]');
      await page.waitForTimeout(300);
      expect(page.url()).toMatch(/\/documents$/);
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
        'file',
      );
      expect(sent.map((request) => `${request.method()} ${request.url()}`)).toEqual([]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `portal-upload-too-large-${lang}`);

      // A normal file: the message goes, the form is sent as a form, the checksum is shown.
      const scan = pdfOf(4096);
      await page.setInputFiles('#file', {
        name: 'attestat.pdf',
        mimeType: 'application/pdf',
        buffer: scan,
      });
      expect(await page.locator('#file-error').count()).toBe(0);
      expect(await page.getAttribute('#file', 'aria-invalid')).toBeNull();
      await page.selectOption('#kind', 'original-education-document');
      await Promise.all([
        page.waitForURL(/uploaded=/),
        page.click('main form[enctype] button[type=submit]'),
      ]);
      const posts = sent.filter((request) => request.method() === 'POST');
      expect(posts.map((request) => request.resourceType())).toEqual(['document']);
      const sha256 = createHash('sha256').update(scan).digest('hex');
      expect(await page.locator('main .notice').textContent()).toContain(sha256);
      // What the application may still carry is what the page now tells the browser.
      expect(await page.getAttribute('#file', 'data-upload-remaining-bytes')).toBe(
        String(maxDraftBytes - scan.length),
      );
      await context.close();
    },
  );

  it('a large file (4 MB) is sent with a progress bar, then the page shows the upload', async () => {
    const { context, page } = await onDocumentsStep(0, 'ru');
    // A slow uplink (2 MB/s), so the transfer lasts long enough to be seen.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 * 1024,
    });
    const sent = recordRequests(page);
    const large = pdfOf(4 * 1024 * 1024);
    await page.setInputFiles('#file', {
      name: 'large-scan.pdf',
      mimeType: 'application/pdf',
      buffer: large,
    });
    await page.click('main form[enctype] button[type=submit]');
    const percent = page.locator('[data-upload-status] [data-upload-percent]');
    // The bar moves while the file is on its way (a value strictly between 0 and 100).
    const barValue = `(document.querySelector('[data-upload-status] progress') || { value: 0 }).value`;
    await expect
      .poll(async () => Number(await page.evaluate(barValue)), { timeout: 10_000, interval: 50 })
      .toBeGreaterThan(0);
    expect(await percent.textContent()).toMatch(/^Отправка… [1-9]\d?%$/);
    expect(await page.locator('main form[enctype] button[type=submit]').isDisabled()).toBe(true);
    await saveScreenshot(page, 'portal-upload-progress-ru');
    await page.waitForURL(/uploaded=/, { timeout: 30_000 });
    const sha256 = createHash('sha256').update(large).digest('hex');
    expect(await page.locator('main .notice').textContent()).toContain(sha256);
    expect(await page.locator('main table').textContent()).toContain('large-scan.pdf');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    const posts = sent.filter((request) => request.method() === 'POST');
    expect(posts.map((request) => request.resourceType())).toEqual(['xhr']);
    // The page that replaced the form works as a page: its scripts run again.
    await page.setInputFiles('#file', {
      name: 'scan-20mb.pdf',
      mimeType: 'application/pdf',
      buffer: pdfOf(maxFileBytes + 1),
    });
    await expect
      .poll(() => page.locator('#file-error').textContent())
      .toBe(issueMessage({ path: 'file', rule: 'file_too_large' }, 'ru'));
    await context.close();
  });
});
