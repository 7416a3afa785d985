import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/domain/identity/authorisation.js';
import type { Locale } from '../src/domain/shared/locale.js';
import type { ApplicationServices } from '../src/engine/application-services.js';
import { completeStep } from '../src/features/applications/complete-step.js';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import { submitApplication } from '../src/features/applications/submit-application.js';
import { demoFields } from '../src/features/demo/demo-plan.js';
import { hashPassword } from '../src/features/identity/identity-services.js';
import { getApplicationView } from '../src/features/applications/get-application-view.js';
import { formatDateTime } from '../src/http/web/messages.js';
import { setStaffPasswordIfUnset } from '../src/storage/demo.repository.js';
import { findStaffAccount } from '../src/storage/staff-account.repository.js';
import {
  createOrganisation,
  createStaff,
  regulationCatalog,
} from '../test/support/applications.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  submitRefusedForm,
} from '../test/support/browser.js';
import { startWebTestServer, type WebTestServer } from '../test/support/web.js';

const password = 'qyzmet2024';
const provider = 'sko-education-shymkent';
const regulationId = 'south-kazakhstan.kindergarten-queue.2012-12-26';

describe('the kindergarten queue in the back office, in a real browser (seed 003)', () => {
  // The regulation was in force in the first half of 2013: Monday 4 February 2013, 10:00.
  let current = new Date('2013-02-04T04:00:00Z');
  const now = () => current;
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let services: ApplicationServices;
  let head: Principal & { kind: 'staff' };
  let headIin = '';
  const queued: { id: string; number: string }[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebTestServer({ now }), launchBrowser()]);
    services = await loadApplicationServices(server.database.db, now);
    await createOrganisation(server.database, {
      id: provider,
      kind: 'district_education_department',
      regionCode: 'south-kazakhstan',
    });
    head = await createStaff(server.database, provider, 'south-kazakhstan', ['head']);
    const executor = await createStaff(server.database, provider, 'south-kazakhstan', ['executor']);
    await setStaffPasswordIfUnset(
      server.database.db,
      head.staffId,
      await hashPassword(password),
      now(),
    );
    headIin = (await findStaffAccount(server.database.db, head.staffId))!.iin;
    const regulation = regulationCatalog().getById(regulationId);
    for (const [index, iin] of ['900101300007', '850615400019', '780312350345'].entries()) {
      current = new Date(Date.UTC(2013, 1, 4, 4, index * 5));
      const submitted = await submitApplication(
        services,
        { kind: 'citizen', iin },
        {
          idempotencyKey: `e2e-vacancy-submit-${index}`,
          serviceCode: 'kindergarten-queue',
          channel: 'portal',
          applicantIin: iin,
          providerOrganisationId: provider,
          fields: demoFields(regulation),
        },
      );
      await completeStep(services, head, {
        idempotencyKey: `e2e-vacancy-accept-${index}`,
        applicationId: submitted.applicationId,
        stepId: 'accept',
        executorId: executor.staffId,
      });
      await completeStep(services, executor, {
        idempotencyKey: `e2e-vacancy-decide-${index}`,
        applicationId: submitted.applicationId,
        stepId: 'decide',
        answer: true,
      });
      queued.push({ id: submitted.applicationId, number: submitted.number });
    }
    current = new Date('2013-02-05T05:00:00Z');
    context = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    page = await context.newPage();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const checkBothLanguages = async (path: string, name: string) => {
    for (const locale of ['kk', 'ru'] as Locale[]) {
      await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${locale}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `back-office-${name}-${locale}`);
    }
  };

  it('shows the head the queue and offers the declared places to the first in line', async () => {
    await page.goto('/staff/login?lang=ru');
    await page.fill('#iin', headIin);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(/\/back-office/), page.click('main button[type=submit]')]);

    await checkBothLanguages('/back-office/queue', 'queue');
    const rows = page.locator('#vacancy-queue tbody tr');
    expect(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-number'))),
    ).toEqual(queued.map((entry) => entry.number));
    const first = await getApplicationView(services, { kind: 'system' }, queued[0]!.id);
    expect(await rows.first().locator('time').textContent()).toBe(
      formatDateTime(new Date(first.submittedAt), 'ru', 'Asia/Almaty'),
    );

    // Two places, any age, with the keyboard only.
    await page.focus('#vacancy-places');
    await page.keyboard.type('2');
    await Promise.all([page.waitForURL(/offered=/), page.keyboard.press('Enter')]);
    expect(await page.locator('#vacancy-offered').textContent()).toContain(
      `${queued[0]!.number}, ${queued[1]!.number}`,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-number'))),
    ).toEqual([queued[2]!.number]);
    for (const [index, step] of [
      [0, 'offer-place'],
      [1, 'offer-place'],
      [2, 'check-place'],
    ] as const) {
      const view = await getApplicationView(services, { kind: 'system' }, queued[index]!.id);
      expect(view.currentStep?.id).toBe(step);
    }
    // An invalid number: the error summary links to the field and the value is kept.
    // Post/redirect/get (issue 18, point 11): 303 to the queue, whose GET shows the refusal once.
    await page.fill('#vacancy-places', '0');
    await submitRefusedForm(page, '/back-office/queue', () =>
      page.click('#vacancy-form button[type=submit]'),
    );
    expect(await page.locator('.error-summary a[href="#vacancy-places"]').count()).toBe(1);
    expect(await page.inputValue('#vacancy-places')).toBe('0');
    await page.reload();
    expect(await page.locator('.error-summary').count()).toBe(0);
  }, 180_000);
});
