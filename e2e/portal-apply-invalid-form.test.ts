import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIin } from '../src/domain/identity/identity-number-generator.js';
import { Sex } from '../src/domain/identity/iin.js';
import { confirmCitizenLogin } from '../src/features/identity/confirm-citizen-login.js';
import { registerProvenCitizen } from '../test/support/citizens.js';
import { startCitizenLogin } from '../src/features/identity/start-citizen-login.js';
import { createOrganisation } from '../test/support/applications.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

const regulationId = 'national.duplicates.2020-01-01';

describe('the portal form with invalid fields, in a real browser', () => {
  let server: WebTestServer;
  let browser: Browser;
  let sessionToken = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer(), launchBrowser()]);
    await createOrganisation(server.database, {
      id: 'kst-school-e2e',
      kind: 'school',
      regionCode: 'kostanay',
      nameKk: 'Қостанайдың №7 мектебі',
      nameRu: 'Школа №7 Костаная',
    });
    const services = { db: server.database.db, sms: server.sms };
    const iin = generateIin('1991-02-03', Sex.male, 5150);
    const phone = '+77015550150';
    const now = new Date();
    await registerProvenCitizen(services, { iin, phone, password: 'Portal-2026-pass' }, now);
    const challenge = await startCitizenLogin(services, { iin, password: 'Portal-2026-pass' }, now);
    const session = await confirmCitizenLogin(
      services,
      { challengeId: challenge.challengeId, code: server.sms.lastCodeTo(phone) },
      now,
    );
    sessionToken = session.token;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['ru', 'Исправьте ошибки', 'не сходится контрольная цифра', 'Обязательно для заполнения'],
    ['kk', 'Қателерді түзетіңіз', 'бақылау цифры сәйкес келмейді', 'Толтыру міндетті'],
  ] as const)(
    'in %s: errors at the top and beside the fields, values kept',
    async (lang, title, checkDigit, required) => {
      const context = await browser.newContext({ baseURL: server.url });
      await context.addCookies([
        {
          name: 'qyzmet_session',
          value: sessionToken,
          url: server.url,
          httpOnly: true,
          sameSite: 'Lax',
        },
      ]);
      const page = await context.newPage();
      await page.goto(`/apply/${regulationId}?lang=${lang}`);
      await page.selectOption('#provider', 'kst-school-e2e');
      await page.fill('#f-applicant-iin', '123456789012');
      await page.fill('#f-power-of-attorney-number', 'ДОВ-77/2026');
      await page.check('#f-name-changed-0');
      // Post/redirect/get (issue 18, point 11): the refused POST answers 303 to the form's
      // page, whose GET shows the errors (422) — so neither reload nor back sends the form again.
      const [posted, shown] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.waitForResponse(
          (r) => r.request().method() === 'GET' && r.url().includes(`/apply/${regulationId}`),
        ),
        page.click('main form button[type=submit]'),
      ]);
      expect(posted.status()).toBe(303);
      expect(shown.status()).toBe(422);
      await page.waitForLoadState();

      const summary = page.locator('.error-summary');
      expect(await summary.locator('h2').textContent()).toBe(title);
      const links = await summary
        .locator('a')
        .evaluateAll((all) => all.map((a) => [a.getAttribute('href'), a.textContent]));
      expect(links).toContainEqual(['#f-applicant-iin', expect.stringContaining(checkDigit)]);
      expect(links).toContainEqual(['#f-document-status-0', expect.stringContaining(required)]);
      expect(links).toContainEqual(['#front-office', expect.stringContaining(required)]);

      // Beside each field, described by it, marked invalid.
      expect(await page.textContent('#f-applicant-iin-error')).toContain(checkDigit);
      expect(await page.getAttribute('#f-applicant-iin', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#f-applicant-iin', 'aria-describedby')).toBe(
        'f-applicant-iin-error',
      );
      expect(await page.getAttribute('#f-document-status-0', 'aria-invalid')).toBe('true');
      expect(await page.textContent('#f-document-status-error')).toContain(required);

      // What was typed and chosen is kept.
      expect(await page.inputValue('#f-applicant-iin')).toBe('123456789012');
      expect(await page.inputValue('#f-power-of-attorney-number')).toBe('ДОВ-77/2026');
      expect(await page.isChecked('#f-name-changed-0')).toBe(true);
      expect(await page.inputValue('#provider')).toBe('kst-school-e2e');
      // The browser gets the format rules too.
      expect(await page.getAttribute('#f-applicant-iin', 'pattern')).toBe('[0-9]{12}');
      expect(await page.getAttribute('#f-power-of-attorney-number', 'maxlength')).toBe('50');

      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `portal-form-errors-${lang}`);

      // The summary link takes the keyboard to the field.
      await summary.locator('a[href="#f-applicant-iin"]').click();
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
        'f-applicant-iin',
      );

      // A reload asks for the page again with a GET: nothing to resubmit.
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      const reloaded = await page.reload();
      expect(reloaded?.request().method()).toBe('GET');
      expect(posts).toEqual([]);
      await context.close();
    },
  );
});
