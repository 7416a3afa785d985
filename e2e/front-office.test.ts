import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationStatusLabels } from '../src/domain/application/ApplicationStatus.js';
import type { ApplicationServices } from '../src/engine/application-services.js';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import { formatLocal } from '../src/features/deadlines/deadline-indicator.js';
import { formatDateTime } from '../src/http/web/messages.js';
import { getApplicationView } from '../src/features/applications/get-application-view.js';
import {
  missingUploads,
  portalDocumentRequirements,
} from '../src/domain/portal/portal-documents.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../src/integrations/simulator/synthetic-people.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  submitRefusedForm,
} from '../test/support/browser.js';
import { demoStaffIin } from '../src/features/demo/demo-accounts.js';
import { startSigningWebServer, type SigningWebServer } from '../test/support/back-office-web.js';

// README, "Demo accounts": the Kostanay front office.
const operatorIin = '800101329877';
const courierIin = '800101366396';
const password = 'qyzmet2024';
const provider = 'kst-akimat-kostanay';
const fixtures = simulatorFixtures(createSimulatorData());

/**
 * Kostanay's extern-permission regulation was in force in 2019 (seed 004): the server's clock
 * is set on a working Monday then, and moved on as the package travels.
 */
let clockMs = Date.parse('2019-10-14T04:00:00Z');
const now = () => new Date(clockMs);
const advance = (minutes: number) => (clockMs += minutes * 60_000);

describe('the front office in a real browser (issue 9)', () => {
  let server: SigningWebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let engine: ApplicationServices;
  let applicationId = '';
  let applicationNumber = '';
  let registerId = '';
  const staffIds: Record<string, string> = {};

  const pdfText = async (href: string): Promise<string> => {
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const file = path.join(os.tmpdir(), `fo-${process.pid}-${Date.now()}.pdf`);
    fs.writeFileSync(file, await response.body());
    try {
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    } finally {
      fs.rmSync(file, { force: true });
    }
  };
  const checkAxe = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);
  const signIn = async (iin: string) => {
    await context.clearCookies();
    await page.goto('/staff/login');
    await page.fill('#iin', iin);
    await page.fill('#password', password);
    await Promise.all([
      page.waitForURL(/\/front-office|\/back-office/),
      page.click('main button[type=submit]'),
    ]);
  };
  const engineView = () => getApplicationView(engine, { kind: 'system' }, applicationId);
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      // The provider's head signs in the browser with the NCALayer-compatible signer.
      startSigningWebServer({
        now,
        signerHolder: {
          iin: demoStaffIin(provider, 'head'),
          surname: 'Басшы',
          name: 'Демо',
          organisation: { name: 'Отдел образования', bin: '040340001234', isHead: true },
        },
        // …and the operator signs the electronic request with their own key.
        otherHolders: [
          {
            iin: operatorIin,
            surname: 'Оператор',
            name: 'Демо',
            organisation: { name: 'Государственная корпорация', bin: '160440007161' },
          },
        ],
      }),
      launchBrowser(),
    ]);
    engine = await loadApplicationServices(server.database.db, now);
    for (const role of ['registry_office', 'head', 'executor'] as const) {
      const staff = server.demo!.staff.find(
        (member) => member.organisationId === provider && member.role === role,
      )!;
      staffIds[role] = staff.principal.staffId;
    }
    context = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('identifies a represented applicant with the prescribed messages and takes the application', async () => {
    await signIn(operatorIin);
    await page.goto('/front-office?lang=kk');
    expect(await page.locator('h1').textContent()).toBe('Бүгінгі жұмыс');
    await checkAxe();
    await saveScreenshot(page, 'front-office-dashboard-kk');
    await page.goto('/front-office/applications/new?lang=kk');
    await checkAxe();
    await saveScreenshot(page, 'front-office-new-application-kk');
    await page.goto('/front-office/applications/new?lang=ru');
    const choice = `extern-permission|${provider}`;
    await page.selectOption('#choice', choice);
    // A revoked power of attorney: the notary registry's answer, and nothing is recorded.
    const revoked = fixtures.revokedPowerOfAttorney;
    await page.fill('#applicantIin', revoked.principalIin);
    await page.fill('#representativeIin', revoked.representativeIin);
    await page.fill('#powerOfAttorneyNumber', revoked.number);
    // Refused forms answer 303 to the form's page, whose GET shows the refusal (issue 18, p. 11).
    const intake = '/front-office/applications/new';
    await submitRefusedForm(page, intake, () => page.click('button[value=identify]'));
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('Доверенность отозвана');
    expect(await page.getAttribute('#powerOfAttorneyNumber', 'aria-invalid')).toBe('true');
    await checkAxe();
    // Nobody in the person registry: «Невозможно получить данные».
    await page.fill('#applicantIin', fixtures.unknownIin);
    await page.fill('#representativeIin', '');
    await submitRefusedForm(page, intake, () => page.click('button[value=identify]'));
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('Невозможно получить данные');
    // The valid power of attorney.
    const valid = fixtures.validPowerOfAttorney;
    await page.fill('#applicantIin', valid.principalIin);
    await page.fill('#representativeIin', valid.representativeIin);
    await page.fill('#powerOfAttorneyNumber', valid.number);
    await page.click('button[value=identify]');
    await expect.poll(() => page.locator('#representative-name').count()).toBe(1);
    await checkAxe();
    await saveScreenshot(page, 'front-office-checklist-ru');
    // Accepting without the consent and the signature is refused, keeping what was typed: the
    // same step, the representative identified again, the errors beside the check boxes.
    await submitRefusedForm(page, intake, () => page.click('button[value=accept]'));
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Без согласия');
    expect(await page.inputValue('#powerOfAttorneyNumber')).toBe(valid.number);
    expect(await page.locator('#representative-name').count()).toBe(1);
    expect(await page.locator('#consentGiven-error').count()).toBe(1);
    await page.check('#consentGiven');
    await page.check('#requestSigned');
    await page.fill('#applicantPhone', '+77011234567');
    await Promise.all([
      page.waitForURL(/\/front-office\/applications\/[0-9a-f-]{36}\?taken=accepted/),
      page.click('button[value=accept]'),
    ]);
    applicationId = /applications\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const view = await engineView();
    applicationNumber = view.number;
    expect(view).toMatchObject({
      channel: 'front_office',
      representativeIin: valid.representativeIin,
    });
    expect(view.currentStep?.actor).toBe('courier');
    // Every due shown is the engine's.
    expect(await page.locator('#total-due').textContent()).toBe(formatLocal(new Date(view.dueAt)));
    expect(await page.locator('#step-due').textContent()).toBe(
      formatLocal(new Date(view.currentStep!.dueAt!)),
    );
    await checkAxe();
    await saveScreenshot(page, 'front-office-application-ru');
    const receipt = await pdfText((await page.getAttribute('a[data-kind=receipt]', 'href'))!);
    // The receipt's title is the Kostanay regulation's own (its definition's `results`).
    expect(receipt).toContain('Расписка о приеме пакета документов');
    expect(receipt).toContain(applicationNumber);
    expect(receipt).toContain(formatLocal(new Date(view.dueAt)));
    // The electronic request to the provider, signed with the operator's ЭЦП through NCALayer.
    const request = page.locator('#electronic-request');
    expect(await request.locator('#request-number').textContent()).toBe(applicationNumber);
    expect(await request.locator('#request-representative').textContent()).toContain(
      valid.representativeIin,
    );
    expect(await request.locator('#request-issued').textContent()).toMatch(/[0-9a-f]{64}/);
    await page.goto(`/front-office/applications/${applicationId}?lang=kk`);
    expect(await page.locator('#electronic-request-title').textContent()).toBe(
      'Электрондық сұрау салу (көрсетілетін қызметті берушіге)',
    );
    await checkAxe();
    await saveScreenshot(page, 'front-office-request-sign-kk');
    await page.goto(`/front-office/applications/${applicationId}?lang=ru`);
    await checkAxe();
    await saveScreenshot(page, 'front-office-request-sign-ru');
    server.useSigner(operatorIin);
    await Promise.all([
      page.waitForURL(/taken=signed/, { timeout: 30_000 }),
      page.click('#request-sign-form button[type=submit]'),
    ]);
    expect(await page.locator('#request-signer').textContent()).toBe('ОПЕРАТОР ДЕМО');
    expect(await page.locator('#request-sign-form').count()).toBe(0);
    await checkAxe();
    await saveScreenshot(page, 'front-office-request-signed-ru');
    server.useSigner(demoStaffIin(provider, 'head'));
    // Kostanay's front-office flow has no sign_request step: the package still waits for the courier.
    expect((await engineView()).currentStep?.actor).toBe('courier');
    // The dashboard lists it as taken today and waiting for the courier, with the engine's due.
    await page.goto('/front-office?lang=ru');
    const row = page.locator(`tr[data-number="${applicationNumber}"]`).first();
    expect(await row.locator('.due').textContent()).toBe(
      formatLocal(new Date(view.currentStep!.dueAt!)),
    );
    expect(await row.locator('[data-indicator]').getAttribute('data-indicator')).toBe('on_time');
    await checkAxe();
    await saveScreenshot(page, 'front-office-dashboard-ru');
  });

  it('an incomplete package yields the refusal receipt', async () => {
    await page.goto('/front-office/applications/new?lang=ru');
    await page.selectOption('#choice', `extern-permission|${provider}`);
    await page.fill('#applicantIin', fixtures.person.iin);
    await page.click('button[value=identify]');
    await expect.poll(() => page.locator('#applicant-name').count()).toBe(1);
    await page.check('input[name="check-standard-point-9-documents"][value=missing]');
    await Promise.all([
      page.waitForURL(/taken=refused_at_intake/),
      page.click('button[value=accept]'),
    ]);
    expect(await page.locator('#status').textContent()).toBe(
      applicationStatusLabels.intake_refused.ru,
    );
    await checkAxe();
    const refusal = await pdfText(
      (await page.getAttribute('a[data-kind=refusal_receipt]', 'href'))!,
    );
    expect(refusal).toContain('Расписка об отказе в приеме пакета документов');
    expect(refusal).toContain('неполного пакета документов');
  });

  it('the courier carries it to the provider in a register, which the provider acknowledges', async () => {
    advance(60);
    await signIn(courierIin);
    await page.goto('/front-office/registers?lang=kk');
    await checkAxe();
    await saveScreenshot(page, 'front-office-registers-kk');
    await page.goto('/front-office/registers?lang=ru');
    await Promise.all([
      page.waitForURL(/\/front-office\/registers\/[0-9a-f-]{36}$/),
      page
        .locator('form', { has: page.locator(`input[value="${provider}"]`) })
        .first()
        .locator('button')
        .click(),
    ]);
    registerId = /registers\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect(await page.locator('table').textContent()).toContain(applicationNumber);
    await checkAxe();
    await saveScreenshot(page, 'front-office-register-ru');
    const register = await pdfText((await page.getAttribute('#register-pdf', 'href'))!);
    expect(register).toContain('Реестр передачи пакетов документов');
    expect(register).toContain(applicationNumber);
    // Compiled and handed over, not yet delivered: still the courier's step (seed 004, annex 1,
    // point 6, item 4: «Пакет доставлен услугодателю», one calendar day).
    const view = await engineView();
    expect(view.currentStep).toMatchObject({ id: 'fo-courier', actor: 'courier' });
    await page.goto('/front-office?lang=ru');
    expect(
      await page
        .locator(`tr[data-number="${applicationNumber}"]`)
        .first()
        .locator('.due')
        .textContent(),
    ).toBe(formatLocal(new Date(view.currentStep!.dueAt!)));
    // The provider's registry office acknowledges the register.
    const registryIin = server.demo!.staff.find(
      (member) => member.organisationId === provider && member.role === 'registry_office',
    )!.iin;
    await signIn(registryIin);
    await page.goto(`/front-office/registers/${registerId}/acknowledge?lang=kk`);
    await checkAxe();
    await saveScreenshot(page, 'front-office-register-acknowledge-kk');
    await page.goto(`/front-office/registers/${registerId}/acknowledge?lang=ru`);
    await checkAxe();
    await page.click('main form button[type=submit]');
    await page.waitForURL(/acknowledged=1/);
    expect(await page.locator('#acknowledged time').count()).toBe(1);
    // The delivery completed the courier's step: the registry office's registration is next.
    expect((await engineView()).currentStep).toMatchObject({
      id: 'register',
      actor: 'registry_office',
    });
  });

  it('the provider works in the back office, the head signs with NCALayer; the result returns and is issued against ID', async () => {
    // The whole chain in the browser (issue 9): registry office, head, executor, head's
    // signature, hand-back to the front office — each in the provider's back office.
    const appPath = `/back-office/applications/${applicationId}`;
    const asProvider = async (role: 'registry_office' | 'head' | 'executor') => {
      advance(30);
      await signIn(demoStaffIin(provider, role));
      await page.goto(`${appPath}?lang=ru`);
      // The step's due shown is the engine's (steps without their own term show none).
      const step = (await engineView()).currentStep!;
      if (step.dueAt) {
        expect(await page.locator('main').textContent()).toContain(
          formatDateTime(new Date(step.dueAt), 'ru'),
        );
      }
      await checkAxe();
    };
    await asProvider('registry_office');
    // Who signed the front office's electronic request, and when.
    expect(await page.locator('#signed-request').textContent()).toContain('ОПЕРАТОР ДЕМО');
    await Promise.all([
      page.waitForURL(/done=1/),
      page.click('#complete-form button[type=submit]'),
    ]);
    expect((await engineView()).currentStep?.id).toBe('assign');
    await asProvider('head');
    await page.selectOption('#assign-executor', staffIds.executor!);
    await Promise.all([page.waitForURL(/done=1/), page.click('#assign-form button[type=submit]')]);
    await asProvider('executor');
    // Kostanay's extract lists the order's number and the student (its `results` fields).
    await page.fill('#draft-result-order-number', '212-Э, 16.10.2019');
    await page.fill('#draft-result-student-name', 'Сейітқали Әлия');
    await Promise.all([
      page.waitForURL(/done=1/),
      page.click('#draft-result-form button[type=submit]'),
    ]);
    expect((await engineView()).currentStep?.id).toBe('sign');
    await asProvider('head');
    await Promise.all([
      page.waitForURL(/done=1/, { timeout: 30_000 }),
      page.click('#sign-form button[type=submit]'),
    ]);
    const documentId = (await page
      .locator('#documents a[href^="/verify/"]')
      .last()
      .getAttribute('href'))!.slice('/verify/'.length);
    const verification = await page.request.get(`/verify/${documentId}`, {
      headers: { accept: 'application/json' },
    });
    expect(((await verification.json()) as { genuine: boolean }).genuine).toBe(true);
    // The registry office sends it back with the courier's return register (no direct hand-over).
    await asProvider('registry_office');
    expect(await page.locator('#return-by-register').count()).toBe(1);
    expect((await engineView()).currentStep).toMatchObject({
      id: 'fo-send-result',
      actor: 'registry_office',
    });
    // The results come back the same way: the courier's return register, acknowledged here.
    advance(5);
    await signIn(courierIin);
    await page.goto('/front-office/registers?lang=ru');
    await Promise.all([
      page.waitForURL(/\/front-office\/registers\/[0-9a-f-]{36}$/),
      page
        .locator('form', { has: page.locator('input[value="to_front_office"]') })
        .first()
        .locator('button')
        .click(),
    ]);
    const returnRegister = page.url();
    expect(await page.locator('table').textContent()).toContain(applicationNumber);
    const returned = await pdfText((await page.getAttribute('#register-pdf', 'href'))!);
    expect(returned).toContain(applicationNumber);
    await signIn(operatorIin);
    await page.goto(`${returnRegister}?lang=ru`);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/acknowledged=1/);
    expect(await page.locator('#acknowledged time').count()).toBe(1);
    await checkAxe();
    // The arrival completed the provider's sending step; storage starts at the issue step.
    const view = await engineView();
    expect(view.currentStep).toMatchObject({
      id: 'fo-issue-result',
      actor: 'front_office_operator',
    });
    await page.goto('/front-office?lang=ru');
    const row = page.locator(`tr[data-number="${applicationNumber}"]`).first();
    expect(await row.locator('.due').textContent()).toBe(
      formatLocal(new Date(view.currentStep!.dueAt!)),
    );
    await page.goto(`/front-office/applications/${applicationId}?lang=kk`);
    await checkAxe();
    await saveScreenshot(page, 'front-office-issue-kk');
    await page.goto(`/front-office/applications/${applicationId}?lang=ru`);
    await submitRefusedForm(page, `/front-office/applications/${applicationId}`, () =>
      page.click('button[type=submit]:has-text("Выдать результат")'),
    );
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    // A reload is a GET of the page: the refusal was shown once, nothing is sent again.
    await page.reload();
    expect(await page.locator('.error-summary').count()).toBe(0);
    expect((await engineView()).status).not.toBe('completed');
    await page.fill('#documentNumber', '045678912');
    await Promise.all([
      page.waitForURL(/taken=issued/),
      page.click('button:has-text("Выдать результат")'),
    ]);
    expect(await page.locator('#status').textContent()).toBe(applicationStatusLabels.completed.ru);
    await checkAxe();
    expect((await engineView()).status).toBe('completed');
  });

  it('a home visit asked for on the public page appears in the front office’s list', async () => {
    const visitor = await browser.newContext({ baseURL: server.url, locale: 'kk-KZ' });
    const publicPage = await visitor.newPage();
    await publicPage.goto('/home-visit?lang=kk');
    expect(await seriousAccessibilityViolations(publicPage)).toEqual([]);
    await saveScreenshot(publicPage, 'front-office-home-visit-kk');
    await publicPage.goto('/home-visit?lang=ru');
    await submitRefusedForm(publicPage, '/home-visit', () =>
      publicPage.click('main button[type=submit]'),
    );
    await expect.poll(() => publicPage.locator('.error-summary li').count()).toBe(6);
    expect(await seriousAccessibilityViolations(publicPage)).toEqual([]);
    await saveScreenshot(publicPage, 'front-office-home-visit-ru');
    await publicPage.selectOption('#frontOfficeId', 'kst-front-office');
    await publicPage.selectOption('#serviceCode', 'extern-permission');
    await publicPage.fill('#fullName', 'Сейітқали Әлия');
    await publicPage.fill('#phone', '+7 701 555 12 34');
    await publicPage.fill('#address', 'Қостанай, Әл-Фараби даңғылы, 1');
    await publicPage.fill('#reason', 'Мүгедектігіне байланысты үйден шыға алмайды');
    await Promise.all([
      publicPage.waitForURL(/sent=HV-/),
      publicPage.click('main button[type=submit]'),
    ]);
    const number = (await publicPage.locator('#visit-number').textContent())!;
    await visitor.close();
    await page.goto('/front-office/home-visits?lang=ru');
    const visit = page.locator(`section[data-number="${number}"]`);
    expect(await visit.locator('h2').textContent()).toContain('Сейітқали Әлия');
    await visit.locator('select[name=assignedTo]').selectOption({ index: 1 });
    await visit.locator('select[name=status]').selectOption('assigned');
    await visit.locator('button').click();
    await page.waitForURL(/home-visits$/);
    expect(await page.locator(`section[data-number="${number}"] .visit-status`).textContent()).toBe(
      'Назначена',
    );
    await checkAxe();
    await saveScreenshot(page, 'front-office-home-visits-ru');
    await page.goto('/front-office/home-visits?lang=kk');
    await checkAxe();
    await saveScreenshot(page, 'front-office-home-visits-kk');
    await page.goto('/front-office/registers?lang=ru');
    await checkAxe();
    await saveScreenshot(page, 'front-office-registers-ru');
    await page.goto(`/front-office/applications/${applicationId}?lang=kk`);
    await checkAxe();
    await saveScreenshot(page, 'front-office-application-kk');
  });

  it('a damaged document’s duplicate without the original gets the refusal receipt, as on the portal (issue 18, point 3)', async () => {
    // 2021: the national duplicates standard is in force in Kostanay (its original of a damaged
    // education document is required, standard-education-duplicates, point 8, item 3).
    clockMs = Date.parse('2021-03-01T04:00:00Z');
    const answers = { 'document-status': 'damaged', 'name-changed': 'no' };
    // A session is judged on the server's clock, which has just moved on by a year and more.
    await signIn(operatorIin);
    await page.goto('/front-office/applications/new?lang=ru');
    await page.selectOption('#choice', 'duplicates|kst-demo-school');
    await page.fill('#applicantIin', fixtures.person.iin);
    await page.click('button[value=identify]');
    await expect.poll(() => page.locator('#applicant-name').count()).toBe(1);
    for (const [field, value] of Object.entries(answers))
      await page.selectOption(`#field-${field}`, value);
    const collect = page.locator('#field-result-front-office');
    if ((await collect.evaluate((element) => element.tagName)) === 'SELECT')
      await collect.selectOption({ index: 1 });
    else await collect.fill('Костанай, ЦОН №1');
    // The original of the damaged certificate is missing; the rest is there.
    await page.check('input[name="check-original-education-document"][value=missing]');
    await Promise.all([
      page.waitForURL(/taken=refused_at_intake/),
      page.click('button[value=accept]'),
    ]);
    expect(await page.locator('#status').textContent()).toBe(
      applicationStatusLabels.intake_refused.ru,
    );
    const refusal = (
      await pdfText((await page.getAttribute('a[data-kind=refusal_receipt]', 'href'))!)
    ).replace(/\s+/g, ' ');
    // The national standard's own title of its refusal receipt (its definition's `results`).
    expect(refusal).toContain('Расписка об отказе в приеме документов');
    expect(refusal).toContain('Оригинал документа об образовании — жоқ / отсутствует');
    // The portal, for the same answers, asks for the same original before it submits.
    const duplicates = engine.regulations.all.find(
      (regulation) => regulation.id === 'national.duplicates.2020-01-01',
    )!;
    expect(
      missingUploads(portalDocumentRequirements(duplicates, answers), new Set()).map(
        (document) => document.id,
      ),
    ).toContain('original-education-document');
  });
});
