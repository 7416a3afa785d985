import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/domain/identity/authorisation.js';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import type { ApplicationServices } from '../src/engine/application-services.js';
import { completeStep } from '../src/features/applications/complete-step.js';
import { getApplicationView } from '../src/features/applications/get-application-view.js';
import {
  acknowledgeCourierRegister,
  createCourierRegister,
} from '../src/features/front-office/courier-registers.js';
import type { FrontOfficeContext } from '../src/features/front-office/front-office-context.js';
import { takeApplication } from '../src/features/front-office/take-application.js';
import { demoCitizen } from '../src/features/demo/demo-accounts.js';
import { createRegistrySimulator } from '../src/integrations/simulator/registry-simulator.js';
import { startSigningWebServer, type SigningWebServer } from '../test/support/back-office-web.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  submitRefusedForm,
} from '../test/support/browser.js';

// README, "Demo accounts": the Aktobe city education department and the Aktobe front office.
const provider = 'akt-education-aktobe';
const frontOffice = 'akt-front-office';
const password = 'qyzmet2024';
const citizenIin = '850412412016';

/**
 * Issue 18, point 7 in a real browser: search at both offices, the head assigns seeing the
 * executors' workload and returns the draft with a comment the executor reads, a receipt's print
 * view, and "mark all as read" in the cabinet.
 */
describe('what staff and citizens expected and now find (issue 18, point 7)', () => {
  const current = new Date('2019-06-03T04:00:00Z');
  const now = () => current;
  let server: SigningWebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let services: ApplicationServices;
  const system: Principal = { kind: 'system' };
  const staff = (organisationId: string, role: string) => {
    const found = server.demo.staff.find(
      (s) => s.organisationId === organisationId && s.role === role,
    );
    if (!found) throw new Error(`no demo ${role} in ${organisationId}`);
    return found;
  };
  let key = 0;
  const nextKey = () => `e2e-p7-${(key += 1).toString().padStart(4, '0')}`;

  beforeAll(async () => {
    const { demoStaffIin } = await import('../src/features/demo/demo-accounts.js');
    [server, browser] = await Promise.all([
      startSigningWebServer({
        now,
        signerHolder: {
          iin: demoStaffIin(provider, 'head'),
          surname: 'Басшы',
          name: 'Демо',
          organisation: {
            name: 'Отдел образования города Актобе',
            bin: '040340001234',
            isHead: true,
          },
        },
      }),
      launchBrowser(),
    ]);
    services = await loadApplicationServices(server.database.db, now);
    context = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    page = await context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const frontOfficeContext = (): FrontOfficeContext => ({
    services,
    gateway: createRegistrySimulator(),
    pkiDirectory: path.join(os.tmpdir(), 'qyzmet-p7-e2e-no-pki'),
    publicUrl: server.url,
  });
  /**
   * An application taken at the front office through its intake (so its receipt exists, as the
   * operator's print link needs), carried to the provider and registered.
   */
  const registeredApplication = async () => {
    const taken = await takeApplication(
      frontOfficeContext(),
      staff(frontOffice, 'front_office_operator'),
      {
        formKey: nextKey(),
        serviceCode: 'extern-permission',
        providerOrganisationId: provider,
        applicantIin: citizenIin,
        checks: { application: 'present', 'standard-point-9-documents': 'present' },
        consentGiven: true,
        requestSigned: true,
      },
    );
    if (taken.kind !== 'accepted') throw new Error(`intake ${taken.kind}`);
    expect(taken.documentId).toBeDefined();
    const submitted = { applicationId: taken.applicationId, number: taken.number };
    const register = await createCourierRegister(
      frontOfficeContext(),
      staff(frontOffice, 'courier'),
      {
        providerOrganisationId: provider,
        direction: 'to_provider',
      },
    );
    await acknowledgeCourierRegister(services, staff(provider, 'registry_office'), register.id);
    await completeStep(services, staff(provider, 'registry_office').principal, {
      idempotencyKey: nextKey(),
      applicationId: submitted.applicationId,
      stepId: 'register',
    });
    return submitted;
  };
  const logIn = async (organisationId: string, role: string, landing: RegExp) => {
    await page.goto('/staff/login?lang=ru');
    await page.fill('#iin', staff(organisationId, role).iin);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(landing), page.click('main button[type=submit]')]);
  };
  const logOut = async () => {
    await Promise.all([page.waitForURL(/\/staff\/login/), page.click('header .who button')]);
  };

  it('searches at both offices, shows workloads, returns a draft with a comment, prints a receipt', async () => {
    const { applicationId, number } = await registeredApplication();
    const appPath = `/back-office/applications/${applicationId}`;

    // The front office: search by the applicant's IIN, open it, print its receipt.
    await logIn(frontOffice, 'front_office_operator', /\/front-office/);
    await page.click('nav a[href="/front-office/search"]');
    await page.fill('#search-text', 'abc');
    await page.click('#search-form button[type=submit]');
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    await page.fill('#search-text', citizenIin);
    await Promise.all([
      page.waitForURL(/q=850412412016/),
      page.click('#search-form button[type=submit]'),
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'p7-front-office-search-ru');
    await page.click(`#search-results tr[data-number="${number}"] a`);
    await page.waitForURL(new RegExp(`/front-office/applications/${applicationId}`));
    const printLink = page.locator('a.print').first();
    expect(await printLink.count()).toBe(1);
    await Promise.all([page.waitForURL(/\/print/), printLink.click()]);
    expect(await page.locator('#printable-document').count()).toBe(1);
    expect(await page.locator('#printable-document').textContent()).toContain('№');
    expect(await page.locator('button[data-print]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('button[data-print]').isVisible()).toBe(false);
    expect(await page.locator('header.site').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'p7-receipt-print-ru');
    await page.goto('/front-office');
    await logOut();

    // The head: finds it by number, sees the executors' workload, assigns.
    await logIn(provider, 'head', /\/back-office/);
    await page.click('nav a[href="/back-office/search"]');
    await page.fill('#search-text', number);
    await Promise.all([page.waitForURL(/q=/), page.click('#search-form button[type=submit]')]);
    await page.click(`#search-results tr[data-number="${number}"] a`);
    await page.waitForURL(new RegExp(appPath));
    expect(await page.locator('#applicant-name').textContent()).toBe(
      'Сейткалиева Айгуль Маратовна',
    );
    const executor = staff(provider, 'executor');
    const option = page.locator(`#assign-executor option[value="${executor.principal.staffId}"]`);
    expect(await option.textContent()).toMatch(/\(в работе: \d+\)/);
    await saveScreenshot(page, 'p7-assign-workload-ru');
    await page.selectOption('#assign-executor', executor.principal.staffId);
    await Promise.all([page.waitForURL(/done=1/), page.click('#assign-form button[type=submit]')]);
    await logOut();

    // The executor drafts.
    await logIn(provider, 'executor', /\/back-office/);
    await page.goto(appPath);
    await page.fill('#draft-result-order-number', '145-Э, 03.06.2019');
    await page.fill('#draft-result-student-name', 'Сейткалиева Айгуль');
    await Promise.all([
      page.waitForURL(/done=1/),
      page.click('#draft-result-form button[type=submit]'),
    ]);
    expect((await getApplicationView(services, system, applicationId)).currentStep?.id).toBe(
      'sign',
    );
    await logOut();

    // The head returns it with a comment (an empty one is refused on the field first).
    await logIn(provider, 'head', /\/back-office/);
    await page.goto(appPath);
    // Post/redirect/get (issue 18, point 11): 303 to the application, whose GET shows the 422.
    await submitRefusedForm(page, `/back-office/applications/${applicationId}`, () =>
      page.click('#return-draft-form button[type=submit]'),
    );
    await expect
      .poll(() => page.locator('.error-summary a[href="#return-draft-comment"]').count())
      .toBe(1);
    await page.fill('#return-draft-comment', 'Уточните номер приказа');
    await Promise.all([
      page.waitForURL(/done=1/),
      page.click('#return-draft-form button[type=submit]'),
    ]);
    const back = await getApplicationView(services, system, applicationId);
    expect(back.currentStep?.actor).toBe('executor');
    await logOut();

    // The executor reads the comment and drafts again.
    await logIn(provider, 'executor', /\/back-office/);
    await page.goto(appPath);
    expect(await page.locator('#returned-comment').textContent()).toBe('Уточните номер приказа');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'p7-returned-draft-ru');
    expect(await page.locator('#draft-result-form').count()).toBe(1);
    await logOut();
  }, 300_000);

  it('marks all the cabinet’s notifications as read', async () => {
    const post = (url: string, body: unknown) =>
      fetch(`${server.url}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await post('/api/auth/login', { iin: demoCitizen.iin, password });
    expect(login.status).toBe(202);
    const { challengeId } = (await login.json()) as { challengeId: string };
    const confirmed = await post('/api/auth/login/confirm', {
      challengeId,
      code: server.sms.lastCodeTo(demoCitizen.phone),
    });
    expect(confirmed.status).toBe(200);
    const session = confirmed.headers.getSetCookie().find((h) => h.startsWith('qyzmet_session='))!;
    const citizen = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    await citizen.addCookies([
      { name: 'qyzmet_session', value: session.split(';')[0]!.split('=')[1]!, url: server.url },
    ]);
    const cabinet = await citizen.newPage();
    await cabinet.goto('/cabinet/notifications?lang=ru');
    expect(await cabinet.locator('nav a[href="/services"]').count()).toBe(1);
    expect(await cabinet.locator('#unread-count').textContent()).not.toMatch(/: 0$/);
    await Promise.all([
      cabinet.waitForURL(/done=all/),
      cabinet.click('#mark-all-read button[type=submit]'),
    ]);
    expect(await cabinet.locator('#unread-count').textContent()).toMatch(/: 0$/);
    expect(await cabinet.locator('.notification.unread').count()).toBe(0);
    expect(await seriousAccessibilityViolations(cabinet)).toEqual([]);
    await saveScreenshot(cabinet, 'p7-notifications-all-read-ru');
    await citizen.close();
  }, 120_000);
});
