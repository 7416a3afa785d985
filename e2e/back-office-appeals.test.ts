import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../src/domain/shared/locale.js';
import type { ApplicationServices } from '../src/engine/application-services.js';
import { fileAppeal } from '../src/features/applications/file-appeal.js';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import { demoCitizen } from '../src/features/demo/demo-accounts.js';
import { formatDateTime } from '../src/http/web/messages.js';
import { listNotifications } from '../src/storage/application.repository.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  submitRefusedForm,
} from '../test/support/browser.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

const password = 'qyzmet2024';

describe('the provider’s head answers an appeal in a real browser (Law "On public services", art. 25)', () => {
  let server: WebTestServer;
  let browser: Browser;
  let page: Page;
  let services: ApplicationServices;
  let appeal: { appealId: string; dueAt: string };
  let application: { id: string; number: string; providerOrganisationId: string };
  let providerZone = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer({ demo: true }), launchBrowser()]);
    services = await loadApplicationServices(server.database.db, () => new Date());
    // A completed demo application of the demo citizen at a provider with a demo head.
    const heads = new Map(
      server.demo!.staff.filter((s) => s.role === 'head').map((s) => [s.organisationId, s]),
    );
    const completed = await server.database.db
      .selectFrom('application')
      .innerJoin('organisation', 'organisation.id', 'application.provider_organisation_id')
      .select([
        'application.id',
        'application.number',
        'application.provider_organisation_id',
        'organisation.time_zone',
      ])
      .where('application.status', '=', 'completed')
      .where('application.applicant_iin', '=', demoCitizen.iin)
      .orderBy('application.number')
      .execute();
    const chosen = completed.find((row) => heads.has(row.provider_organisation_id));
    if (!chosen) throw new Error('the demo has no completed application at a provider with a head');
    application = {
      id: chosen.id,
      number: chosen.number,
      providerOrganisationId: chosen.provider_organisation_id,
    };
    providerZone = chosen.time_zone;
    appeal = await fileAppeal(
      services,
      { kind: 'citizen', iin: demoCitizen.iin },
      {
        idempotencyKey: 'e2e-appeal-0001',
        applicationId: application.id,
        text: 'Результат выдан с опечаткой в фамилии ребёнка, прошу исправить.',
      },
    );
    const context = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    page = await context.newPage();
    const head = heads.get(application.providerOrganisationId)!;
    await page.goto('/staff/login?lang=ru');
    await page.fill('#iin', head.iin);
    await page.fill('#password', password);
    await page.click('main button[type=submit]');
    // A head of several organisations chooses the provider's.
    const choice = page.locator(`input[name=organisationId][value="${head.organisationId}"]`);
    if (await choice.count()) {
      await choice.check();
      await page.click('main button[type=submit]');
    }
    await page.waitForURL(/\/back-office/);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const checkBothLanguages = async (path: string, name: string) => {
    for (const locale of ['kk', 'ru'] as Locale[]) {
      await page.goto(`${path}?lang=${locale}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `back-office-${name}-${locale}`);
    }
  };

  it('lists the appeal with the calendar’s due, refuses an empty decision and records the answer', async () => {
    await checkBothLanguages('/back-office/appeals', 'appeals');
    const row = page.locator(`tr[data-appeal="${appeal.appealId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    const due = row.locator('td.due time');
    expect(await due.getAttribute('datetime')).toBe(appeal.dueAt);
    // Shown on the provider's wall clock, the zone its calendar counts in.
    expect(await due.textContent()).toBe(
      formatDateTime(new Date(appeal.dueAt), 'ru', providerZone),
    );
    expect(await row.textContent()).toContain(application.number);

    // Keyboard: from the list to the appeal.
    await row.locator('a', { hasText: 'Жалоба' }).focus();
    await Promise.all([
      page.waitForURL(/\/back-office\/appeals\/[^/?]+$/),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('#appeal-text').textContent()).toContain('опечаткой в фамилии');
    await checkBothLanguages(`/back-office/appeals/${appeal.appealId}`, 'appeal');

    // Nothing chosen: the summary names both problems and the page keeps what was typed.
    await page.goto(`/back-office/appeals/${appeal.appealId}?lang=ru`);
    await page.fill('#appeal-answer-text', 'Коротко');
    // Post/redirect/get (issue 18, point 11): 303 to the appeal, whose GET shows the refusal.
    await submitRefusedForm(page, `/back-office/appeals/${appeal.appealId}`, () =>
      page.click('main form button[type=submit]'),
    );
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(await page.locator('.error-summary').textContent()).toContain('Выберите решение.');
    expect(await page.locator('#appeal-answer-text').inputValue()).toBe('Коротко');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const answer = 'Жалоба обоснована: выходной документ будет переоформлен без опечатки.';
    await page.check('input[name=decision][value=upheld]');
    await page.fill('#appeal-answer-text', answer);
    await Promise.all([page.waitForURL(/done=1/), page.click('main form button[type=submit]')]);
    expect(await page.locator('.notice.ok').textContent()).toContain('Решение зарегистрировано');
    expect(await page.locator('#appeal-status').textContent()).toBe('Удовлетворена');
    expect(await page.locator('#appeal-answer').textContent()).toBe(answer);
    await saveScreenshot(page, 'back-office-appeal-decided-ru');

    // The applicant is told, in both languages.
    const notifications = await listNotifications(server.database.db, application.id);
    const told = notifications.find(
      (row) => row.kind === 'appeal_decided' && row.recipient_iin === demoCitizen.iin,
    );
    expect(told?.message.ru).toContain(`№${application.number}`);
    expect(told?.message.kk).toContain('қанағаттандырылды');
  });

  it('shows the requests for handed-back results to the provider', async () => {
    await checkBothLanguages('/back-office/result-requests', 'result-requests');
    expect(await page.locator('h1').textContent()).not.toBe('');
  });
});
