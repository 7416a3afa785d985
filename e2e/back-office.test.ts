import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDeadlinePolicy } from '../src/domain/application/deadline-watch.js';
import type { Principal } from '../src/domain/identity/authorisation.js';
import type { Locale } from '../src/domain/shared/locale.js';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import type { ApplicationServices } from '../src/engine/application-services.js';
import { completeStep } from '../src/features/applications/complete-step.js';
import { submitApplication } from '../src/features/applications/submit-application.js';
import { defaultDeliveryPolicy } from '../src/features/job-services.js';
import { watchDeadlines } from '../src/features/deadlines/watch-deadlines.js';
import {
  acknowledgeCourierRegister,
  createCourierRegister,
} from '../src/features/front-office/courier-registers.js';
import type { FrontOfficeContext } from '../src/features/front-office/front-office-context.js';
import { createRegistrySimulator } from '../src/integrations/simulator/registry-simulator.js';
import { getApplicationView } from '../src/features/applications/get-application-view.js';
import { formatDateTime } from '../src/http/web/messages.js';
import { startSigningWebServer, type SigningWebServer } from '../test/support/back-office-web.js';
import { pdfPages, pdfQrCodes } from '../test/support/documents.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  submitRefusedForm,
} from '../test/support/browser.js';

// README, "Demo accounts": the Aktobe city education department and the Aktobe front office.
const provider = 'akt-education-aktobe';
const frontOffice = 'akt-front-office';
// The provider's zone (seed/organisations/aktobe.yaml): the engine counts its dues there, and
// the pages show them on its wall clock (UTC+5 in 2019, when Almaty was UTC+6).
const providerZone = 'Asia/Aqtobe';
const password = 'qyzmet2024';
const citizenIin = '850412412016';
const representativeIin = '790903333018';

describe('the provider’s back office in a real browser (Aktobe extern permission)', () => {
  // Inside the Aktobe regulation's effective period (2016-03-01 … 2020-02-18): a Monday, 10:00.
  let current = new Date('2019-06-03T04:00:00Z');
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
  const nextKey = () => `e2e-bo-${(key += 1).toString().padStart(4, '0')}`;

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

  /** The front office's side of the courier registers (issue 9), as the features do it. */
  const frontOfficeContext = (): FrontOfficeContext => ({
    services,
    gateway: createRegistrySimulator(),
    pkiDirectory: path.join(os.tmpdir(), 'qyzmet-back-office-e2e-no-pki'),
    publicUrl: server.url,
  });
  /** The courier's register of `direction`, acknowledged by its receiving end. */
  const carryInRegister = async (direction: 'to_provider' | 'to_front_office') => {
    const register = await createCourierRegister(
      frontOfficeContext(),
      staff(frontOffice, 'courier'),
      { providerOrganisationId: provider, direction },
    );
    await acknowledgeCourierRegister(
      services,
      direction === 'to_provider'
        ? staff(provider, 'registry_office')
        : staff(frontOffice, 'front_office_operator'),
      register.id,
    );
  };

  /** An application taken by the front office and carried by its courier to the provider. */
  const submitAtFrontOffice = async () => {
    const operator = staff(frontOffice, 'front_office_operator').principal;
    const submitted = await submitApplication(services, operator, {
      idempotencyKey: nextKey(),
      serviceCode: 'extern-permission',
      channel: 'front_office',
      applicantIin: citizenIin,
      representativeIin,
      providerOrganisationId: provider,
      frontOfficeId: frontOffice,
      fields: { 'applicant-iin': citizenIin, 'power-of-attorney-number': 'НД-2019-0042' },
    });
    for (;;) {
      const view = await getApplicationView(services, system, submitted.applicationId);
      const step = view.currentStep;
      if (!step || step.actor !== 'front_office_operator') break;
      await completeStep(services, operator, {
        idempotencyKey: nextKey(),
        applicationId: submitted.applicationId,
        stepId: step.id,
        ...(step.action === 'intake_check' ? { answer: true } : {}),
      });
    }
    // The courier's step ends when the provider acknowledges the register's delivery.
    await carryInRegister('to_provider');
    return submitted;
  };
  const engineView = (id: string) => getApplicationView(services, system, id);

  const logIn = async (role: string) => {
    await page.goto('/staff/login?lang=ru');
    await page.fill('#iin', staff(provider, role).iin);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(/\/back-office/), page.click('main button[type=submit]')]);
  };
  const logOut = async () => {
    await Promise.all([page.waitForURL(/\/staff\/login/), page.click('header .who button')]);
  };
  /** Checks the page in Kazakh and Russian: axe finds nothing serious; screenshots. */
  const checkBothLanguages = async (path: string, name: string) => {
    for (const locale of ['kk', 'ru'] as Locale[]) {
      const separator = path.includes('?') ? '&' : '?';
      await page.goto(`${path}${separator}lang=${locale}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `back-office-${name}-${locale}`);
    }
  };
  /** The step and total due on the application page equal the engine's, in the page's language. */
  const expectDuesOfEngine = async (id: string, locale: Locale = 'ru') => {
    const view = await engineView(id);
    const total = page.locator('time.total-due');
    expect(await total.getAttribute('datetime')).toBe(view.dueAt);
    expect(await total.textContent()).toBe(
      formatDateTime(new Date(view.dueAt), locale, providerZone),
    );
    if (view.currentStep?.dueAt) {
      const step = page.locator('time.step-due');
      expect(await step.getAttribute('datetime')).toBe(view.currentStep.dueAt);
      expect(await step.textContent()).toBe(
        formatDateTime(new Date(view.currentStep.dueAt), locale, providerZone),
      );
    }
    return view;
  };

  it('registers, assigns, drafts, signs with NCALayer and returns the result to the front office', async () => {
    const { applicationId, number } = await submitAtFrontOffice();
    expect((await engineView(applicationId)).currentStep?.id).toBe('register');
    const appPath = `/back-office/applications/${applicationId}`;

    // The registry office: the inbox lists it with the engine's step due; registration.
    await logIn('registry_office');
    await checkBothLanguages('/back-office', 'inbox');
    const row = page.locator(`#inbox tr[data-number="${number}"]`);
    const registerDue = (await engineView(applicationId)).currentStep!.dueAt!;
    expect(await row.locator('td.step-due time').getAttribute('datetime')).toBe(registerDue);
    expect(await row.locator('td.step-due time').textContent()).toBe(
      formatDateTime(new Date(registerDue), 'ru', providerZone),
    );
    await row.locator('a').click();
    await page.waitForURL(new RegExp(appPath));
    await expectDuesOfEngine(applicationId);
    expect(await page.locator('#summary').textContent()).toContain(representativeIin);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL(/done=1/),
      page.click('#complete-form button[type=submit]'),
    ]);
    expect((await engineView(applicationId)).currentStep?.id).toBe('assign');
    await logOut();

    // The head: resolution, choosing the department's executor.
    await logIn('head');
    await checkBothLanguages(appPath, 'application');
    await expectDuesOfEngine(applicationId);
    const executor = staff(provider, 'executor');
    await page.selectOption('#assign-executor', executor.principal.staffId);
    await page.fill('#assign-note', 'Рассмотреть в установленный срок');
    await Promise.all([page.waitForURL(/done=1/), page.click('#assign-form button[type=submit]')]);
    expect((await engineView(applicationId)).executorId).toBe(executor.principal.staffId);
    expect(await page.locator('#executor').textContent()).toBe(executor.fullName);
    await logOut();

    // The executor: the draft of the order extract from the template's fields.
    await logIn('executor');
    await page.goto(appPath);
    await expectDuesOfEngine(applicationId);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'back-office-draft-ru');
    // A required field left empty: 303 back to the application, whose GET (422) has the summary
    // linking to it and keeps what was typed (post/redirect/get, issue 18, point 11).
    await page.fill('#draft-result-order-number', '145-Э, 03.06.2019');
    await submitRefusedForm(page, `/back-office/applications/${applicationId}`, () =>
      page.click('#draft-result-form button[type=submit]'),
    );
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(await page.inputValue('#draft-result-order-number')).toBe('145-Э, 03.06.2019');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.fill('#draft-result-student-name', 'Сейітқали Әлия');
    await Promise.all([
      page.waitForURL(/done=1/),
      page.click('#draft-result-form button[type=submit]'),
    ]);
    expect((await engineView(applicationId)).currentStep?.id).toBe('sign');
    await logOut();

    // The head signs the draft's hash in the browser with the NCALayer-compatible signer.
    await logIn('head');
    await checkBothLanguages(appPath, 'sign');
    await expectDuesOfEngine(applicationId);
    // Issue 18, point 1: the draft the head reads is marked as a draft on every page and
    // carries no signature line, no verification code and no QR code.
    const draftHref = await page.locator('a[href*="/drafts/"]').getAttribute('href');
    const draftPdf = new Uint8Array(await (await page.request.get(draftHref!)).body());
    const draftPages = pdfPages(draftPdf);
    expect(draftPages.length).toBeGreaterThan(0);
    for (const text of draftPages) {
      expect(text.replace(/\s+/g, ' ')).toContain('ЖОБА — қол қойылмаған');
      expect(text.replace(/\s+/g, ' ')).toContain('ПРОЕКТ — не подписан');
    }
    const draftText = draftPages.join('\n');
    for (const signed of [
      'Подписано электронной',
      'Подписал:',
      'Код проверки',
      '/verify/',
      'SHA-256',
    ])
      expect(draftText).not.toContain(signed);
    expect(pdfQrCodes(draftPdf)).toEqual([]);
    await Promise.all([
      page.waitForURL(/done=1/, { timeout: 30_000 }),
      page.click('#sign-form button[type=submit]'),
    ]);
    const signed = await engineView(applicationId);
    expect(signed.currentStep?.id).toBe('send-result');
    const documentLink = page.locator('#documents a[href^="/verify/"]');
    const documentId = (await documentLink.getAttribute('href'))!.slice('/verify/'.length);
    const verification = await page.request.get(`/verify/${documentId}`, {
      headers: { accept: 'application/json' },
    });
    expect(((await verification.json()) as { genuine: boolean }).genuine).toBe(true);
    await page.goto(`/verify/${documentId}?lang=ru`);
    expect(await page.locator('[data-genuine]').getAttribute('data-genuine')).toBe('true');
    const shown = {
      signer: (await page.locator('[data-field="signer"]').textContent())!.trim(),
      signedAt: (await page.locator('[data-field="signed-at"]').textContent())!.trim(),
      code: (await page.locator('[data-field="verification-code"]').textContent())!.trim(),
      hash: (await page.locator('[data-field="signed-content-sha256"]').textContent())!.trim(),
    };
    // The issued PDF states who signed and when — the same as /verify — and prints the
    // verification code and the hash under the names /verify uses; no draft mark.
    const issued = new Uint8Array(
      await (await page.request.get(`/documents/${documentId}.pdf`)).body(),
    );
    const issuedText = pdfPages(issued).join('\n').replace(/\s+/g, ' ');
    expect(shown.signer).toMatch(/\S/);
    expect(issuedText).toContain(`Подписал: ${shown.signer}`);
    expect(issuedText).toContain(`Время подписания: ${shown.signedAt}`);
    expect(issuedText).toContain(`Код проверки: ${shown.code}`);
    expect(issuedText).toContain(`SHA-256 подписанного содержания: ${shown.hash}`);
    expect(issuedText).not.toContain('ПРОЕКТ');
    const codes = pdfQrCodes(issued);
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatch(new RegExp(`/verify/${documentId}$`));
    // Issue 18, point 2: a person types the code printed on the paper at /verify…
    const visitor = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    const reader = await visitor.newPage();
    await reader.goto('/verify?lang=ru');
    await reader.fill('#code', shown.code.toLowerCase().replaceAll('-', ' '));
    await Promise.all([
      reader.waitForURL(new RegExp(`/verify/${documentId}`)),
      reader.click('form[action="/verify"] button[type=submit]'),
    ]);
    expect(await reader.locator('[data-genuine]').getAttribute('data-genuine')).toBe('true');
    // …or the printed hash: the copy is the issued document.
    await reader.fill('#sha256', shown.hash);
    await reader.click('form[method="get"]:has(#sha256) button[type=submit]');
    await expect
      .poll(() => reader.locator('main').textContent())
      .toContain('Представленная копия совпадает с выданным документом.');
    await saveScreenshot(reader, 'back-office-verify-typed-hash-ru');
    await visitor.close();
    await page.goto(appPath);
    await logOut();

    // The signed order goes back to the front office in the courier's return register: the
    // back office offers no direct hand-over; the front office's acknowledgement ends the step.
    await logIn('registry_office');
    await page.goto(appPath);
    await expectDuesOfEngine(applicationId);
    expect(await page.locator('#return-by-register').count()).toBe(1);
    expect(await page.locator('#complete-form').count()).toBe(0);
    await carryInRegister('to_front_office');
    await page.goto(appPath);
    const returned = await engineView(applicationId);
    expect(returned.status).toBe('result_ready');
    expect(returned.currentStep?.actor).toBe('front_office_operator');
    expect(await page.locator('#status').textContent()).toBe('Результат готов');
    await logOut();
  }, 240_000);

  it('shows an application left past its due as overdue in the head’s inbox and escalations', async () => {
    const { applicationId, number } = await submitAtFrontOffice();
    await completeStep(services, staff(provider, 'registry_office').principal, {
      idempotencyKey: nextKey(),
      applicationId,
      stepId: 'register',
    });
    const view = await engineView(applicationId);
    expect(view.currentStep?.id).toBe('assign');
    // A week later nobody has resolved it; the deadline watch runs.
    current = new Date(new Date(view.currentStep!.dueAt!).getTime() + 7 * 86_400_000);
    const round = await watchDeadlines({
      ...services,
      deadlines: defaultDeadlinePolicy,
      delivery: defaultDeliveryPolicy,
    });
    expect(round.escalations).toBeGreaterThan(0);

    await logIn('head');
    const row = page.locator(`#inbox tr[data-number="${number}"]`);
    expect(await row.locator('.tag.overdue').count()).toBe(1);
    expect(await row.locator('td.step-due time').getAttribute('datetime')).toBe(
      view.currentStep!.dueAt,
    );
    await page.goto('/back-office?overdue=1');
    expect(await page.locator(`#inbox tr[data-number="${number}"]`).count()).toBe(1);
    await checkBothLanguages('/back-office/escalations', 'escalations');
    expect(await page.locator(`#escalations tr[data-number="${number}"]`).count()).toBeGreaterThan(
      0,
    );
    expect(await page.locator(`#overdue tr[data-number="${number}"]`).count()).toBe(1);
    await checkBothLanguages('/back-office', 'inbox-head');
    await logOut();
  }, 120_000);
});
