import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIin } from '../src/domain/identity/identity-number-generator.js';
import { loadConfig } from '../src/config/config.js';
import { loadApplicationServices } from '../src/engine/load-application-services.js';
import {
  demoCitizen,
  demoPassword,
  demoRepresentative,
} from '../src/features/demo/demo-accounts.js';
import type { MessageSender } from '../src/integrations/messaging/message-sender.js';
import { createBackgroundJobs, jobServicesOf } from '../src/jobs/background-jobs.js';
import { startSigningWebServer, type SigningWebServer } from '../test/support/back-office-web.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { pdfQrCodes, pdfText } from '../test/support/documents.js';

// README, "Demo accounts": the Shymkent education department keeps the Al-Farabi district's
// queue and publishes the places of its demo kindergartens (seed/queue-kindergartens.yaml).
const department = 'sko-education-shymkent';
const district = 'south-kazakhstan/shymkent-al-farabi';
const childIin = generateIin('2024-03-01', 'male', 7101);
// The second parent's child, with a primary right, registered an hour later.
const primaryChildIin = generateIin('2024-02-01', 'female', 7102);
// The first parent's second child, registered later in the general queue.
const laterChildIin = generateIin('2024-05-01', 'female', 7103);

/**
 * Issue 19 in a real browser: the demo parent registers a child; the demo representative, a
 * second parent, registers a child with a primary right an hour later, who moves ahead — the
 * first parent's cabinet and the public lookup say why; the kindergarten's staff publish a
 * place, the allocation offers it to the primary-right child, whose parent accepts it with a
 * one-time password and downloads the referral's signed PDF, whose QR code verifies at /verify;
 * the kindergarten enrols; the public protocol lists the referral. A second place is offered to
 * the first child, the offer is left unanswered past its window, and the queue's deadline watch
 * (the background job `preschool-queue`, run as the server's worker runs it) moves the place to
 * the next child. No personal data on the public pages.
 */
describe('the kindergarten queue in a real browser (issue 19)', () => {
  // Tuesday 1 December 2026, 10:00 in Shymkent.
  let current = new Date('2026-12-01T05:00:00Z');
  const now = () => current;
  const advance = (minutes: number) => {
    current = new Date(current.getTime() + minutes * 60_000);
  };
  let server: SigningWebServer;
  let browser: Browser;
  let parent: BrowserContext;
  let second: BrowserContext;
  let staff: BrowserContext;
  let page: Page;
  let secondPage: Page;
  let staffPage: Page;
  let slip = '';
  let primarySlip = '';
  let referral = '';
  let documentHref = '';

  const expectAccessible = async (on: Page) => {
    expect(await seriousAccessibilityViolations(on)).toEqual([]);
  };
  const signIn = async (on: Page, person: { iin: string; phone: string }, lang: string) => {
    await on.goto(`/login?lang=${lang}`);
    await on.fill('#iin', person.iin);
    await on.fill('#password', demoPassword);
    await Promise.all([on.waitForURL(/\/login\/code/), on.press('#password', 'Enter')]);
    await on.fill('#code', server.sms.lastCodeTo(person.phone));
    await Promise.all([on.waitForURL(/\/cabinet/), on.press('#code', 'Enter')]);
  };
  /** Registers a child for the Balbobek kindergarten's Russian group; returns the slip number. */
  const registerChild = async (
    on: Page,
    child: { iin: string; birthDate: string; phone: string; category: string; lang: string },
  ) => {
    await on.goto(`/cabinet/queue/new?district=${encodeURIComponent(district)}&lang=${child.lang}`);
    expect(await on.locator('html').getAttribute('lang')).toBe(child.lang);
    await expectAccessible(on);
    await on.fill('#childIin', child.iin);
    await on.fill('#birthDate', child.birthDate);
    await on.fill('#phone', child.phone);
    await on.selectOption('#category', child.category);
    await on.check('input[name=kindergarten][value="sko-kg-balbobek"]');
    await on.selectOption('#language', 'ru');
    await on.fill('#desiredStart', '2026-09-01');
    await Promise.all([
      on.waitForURL(/\/cabinet\/queue\?/),
      on.click('#queue-register-form button[type=submit]'),
    ]);
    const number = /registered=(Q-[\d-]+)/.exec(on.url())![1]!;
    expect(await on.locator('#queue-registered').textContent()).toContain(number);
    await expectAccessible(on);
    return number;
  };
  /** The public lookup of a slip, by anyone without signing in. */
  const lookUp = async (number: string, lang: string) => {
    const visitor = await browser.newContext({ baseURL: server.url });
    const open = await visitor.newPage();
    await open.goto(`/queue/position?number=${number}&lang=${lang}`);
    const position = await open.locator('.queue-position').getAttribute('data-position');
    const reasons = await open.locator('.position-change li[data-reason]').allTextContents();
    const text = (await open.locator('main').textContent())!;
    await expectAccessible(open);
    await visitor.close();
    return { position, reasons, text };
  };
  const publishPlace = async () => {
    await staffPage.goto('/back-office/kindergarten-places?lang=ru');
    await expectAccessible(staffPage);
    await staffPage.selectOption('#group', 'sko-kg-balbobek-ru-2');
    await staffPage.fill('#places', '1');
    await Promise.all([
      staffPage.waitForURL(/offered=/),
      staffPage.click('#publish-form button[type=submit]'),
    ]);
    return (await staffPage.locator('#places-offered').textContent())!;
  };
  const protocolEvents = async () => {
    const visitor = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    const open = await visitor.newPage();
    await open.goto(`/queue/protocol?district=${encodeURIComponent(district)}&lang=ru`);
    const text = (await open.locator('main').textContent())!;
    const events = await open
      .locator('[data-number][data-event]')
      .evaluateAll((rows) =>
        rows.map((row) => `${row.getAttribute('data-number')} ${row.getAttribute('data-event')}`),
      );
    await expectAccessible(open);
    await visitor.close();
    return { text, events };
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startSigningWebServer({
        now,
        signerHolder: {
          iin: '780312350345',
          surname: 'Басшы',
          name: 'Демо',
          organisation: { name: 'Отдел образования', bin: '040340001234', isHead: true },
        },
      }),
      launchBrowser(),
    ]);
    parent = await browser.newContext({ baseURL: server.url, locale: 'kk-KZ' });
    second = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    staff = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    page = await parent.newPage();
    secondPage = await second.newPage();
    staffPage = await staff.newPage();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the demo parent signs in and registers a child in Kazakh: the slip with its number and position 1', async () => {
    await signIn(page, demoCitizen, 'kk');
    slip = await registerChild(page, {
      iin: childIin,
      birthDate: '2024-03-01',
      phone: demoCitizen.phone,
      category: 'general',
      lang: 'kk',
    });
    expect(
      await page
        .locator(`.queue-slip[data-number="${slip}"] .queue-position`)
        .getAttribute('data-position'),
    ).toBe('1');
    await saveScreenshot(page, 'queue-registered-kk');
    // Anyone looks the slip up: the position and its explanation, no personal data.
    const lookup = await lookUp(slip, 'kk');
    expect(lookup.position).toBe('1');
    expect(lookup.text).toContain(slip);
    for (const personal of [childIin, demoCitizen.iin, demoCitizen.phone, 'Сейткалиева'])
      expect(lookup.text).not.toContain(personal);
  });

  it('a second parent registers a child with a primary right an hour later, who moves ahead: the first parent’s lookup and cabinet say why', async () => {
    advance(60);
    await signIn(secondPage, demoRepresentative, 'ru');
    primarySlip = await registerChild(secondPage, {
      iin: primaryChildIin,
      birthDate: '2024-02-01',
      phone: demoRepresentative.phone,
      category: 'primary',
      lang: 'ru',
    });
    expect(primarySlip).not.toBe(slip);
    expect(
      await secondPage
        .locator(`.queue-slip[data-number="${primarySlip}"] .queue-position`)
        .getAttribute('data-position'),
    ).toBe('1');
    advance(1);
    // The public lookup of the first slip: second now, because a higher category registered.
    const lookup = await lookUp(slip, 'ru');
    expect(lookup.position).toBe('2');
    expect(lookup.reasons).toEqual(['Встали в очередь дети более высокой категории: 1']);
    for (const personal of [childIin, primaryChildIin, demoRepresentative.iin])
      expect(lookup.text).not.toContain(personal);
    // The first parent's cabinet, in Kazakh, says the same.
    await page.goto('/cabinet/queue?lang=kk');
    const mine = page.locator(`.queue-slip[data-number="${slip}"]`);
    expect(await mine.locator('.queue-position').getAttribute('data-position')).toBe('2');
    expect(await mine.locator('li[data-reason="higher-category"]').textContent()).toBe(
      'Жоғары санаттағы балалар кезекке қойылды: 1',
    );
    await expectAccessible(page);
    await saveScreenshot(page, 'queue-moved-kk');
  });

  it('the kindergarten’s staff publish a place in Russian: the allocation offers it to the primary-right child', async () => {
    advance(10);
    const executor = server.demo.staff.find(
      (s) => s.organisationId === department && s.role === 'executor',
    )!;
    await staffPage.goto('/staff/login?lang=ru');
    await staffPage.fill('#iin', executor.iin);
    await staffPage.fill('#password', demoPassword);
    await Promise.all([
      staffPage.waitForURL(/\/back-office/),
      staffPage.press('#password', 'Enter'),
    ]);
    const offered = await publishPlace();
    expect(offered).toContain(primarySlip);
    expect(offered).not.toContain(slip);
  });

  it('the second parent accepts the offer with a one-time password and downloads the referral’s signed PDF, which verifies at /verify', async () => {
    await secondPage.goto('/cabinet/queue?lang=ru');
    expect(await secondPage.locator('#queue-offers-table tr[data-status="open"]').count()).toBe(1);
    await secondPage.click(`#queue-offers-table tr[data-status="open"] a`);
    await secondPage.waitForURL(/\/cabinet\/queue\/offers\//);
    await expectAccessible(secondPage);
    await Promise.all([
      secondPage.waitForURL(/challenge=/),
      secondPage.click('form[action$="/code"] button'),
    ]);
    await secondPage.fill('#code', server.sms.lastCodeTo(demoRepresentative.phone));
    await Promise.all([
      secondPage.waitForURL(/\/cabinet\/queue\/offers\/[0-9a-f-]{36}$/),
      secondPage.click('#queue-accept-form button[type=submit]'),
    ]);
    referral = (await secondPage.locator('#referral-number').textContent())!.trim();
    expect(referral).toMatch(/^N-\d{4}-\d{4}-\d{2}-\d{2}$/);
    documentHref = (await secondPage.getAttribute('#referral-pdf', 'href'))!;
    expect(documentHref).toMatch(/^\/documents\/[0-9a-f-]{36}\.pdf$/);
    await expectAccessible(secondPage);
    await saveScreenshot(secondPage, 'queue-referral-ru');
    // Another parent cannot download it.
    expect((await parent.request.get(documentHref)).status()).toBe(404);
    const download = await second.request.get(documentHref);
    expect(download.status()).toBe(200);
    const pdf = new Uint8Array(await download.body());
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const fact of [
      'Направление в детскую дошкольную организацию',
      'Мектепке дейінгі ұйымға жолдама',
      referral,
      primarySlip,
      primaryChildIin,
      'Ясли-сад №12 «Балбобек»',
      'одноразовым паролем',
    ])
      expect(text).toContain(fact);
    // Its QR code opens /verify, which says genuine.
    const [qr] = pdfQrCodes(pdf);
    expect(qr).toContain('/verify/');
    await secondPage.goto(`${new URL(qr!).pathname}?lang=kk`);
    expect(await secondPage.locator('[data-genuine]').getAttribute('data-genuine')).toBe('true');
    expect(await secondPage.locator('body').textContent()).toContain('Құжат түпнұсқа');
    await expectAccessible(secondPage);
  });

  it('the kindergarten sees the referral with its PDF and enrols the child', async () => {
    await staffPage.goto('/back-office/kindergarten-places?lang=ru');
    const row = staffPage.locator(`#kindergarten-referrals tr[data-referral="${referral}"]`);
    expect(await row.locator('a').getAttribute('href')).toBe(documentHref);
    await staffPage.fill('#referral', referral);
    await Promise.all([
      staffPage.waitForURL(/enrolled=1/),
      staffPage.click('form[action$="/enrol"] button[type=submit]'),
    ]);
    await expectAccessible(staffPage);
  });

  it('the public protocol lists the referral, without personal data', async () => {
    const protocol = await protocolEvents();
    expect(protocol.text).toContain(referral);
    expect(protocol.events).toContain(`${primarySlip} accepted`);
    for (const personal of [childIin, primaryChildIin, demoCitizen.iin, demoRepresentative.iin])
      expect(protocol.text).not.toContain(personal);
  });

  it('an offer left unanswered past its window expires: the deadline watch moves the place to the next child', async () => {
    advance(5);
    const laterSlip = await registerChild(page, {
      iin: laterChildIin,
      birthDate: '2024-05-01',
      phone: demoCitizen.phone,
      category: 'general',
      lang: 'ru',
    });
    advance(5);
    // The next place goes to the first child, registered before the later one.
    const offered = await publishPlace();
    expect(offered).toContain(slip);
    expect(offered).not.toContain(laterSlip);
    // The background job `preschool-queue`, as the server's worker runs it every minute.
    const applications = await loadApplicationServices(server.database.db, now);
    const job = createBackgroundJobs(
      jobServicesOf(applications, loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).worker),
      { send: () => Promise.resolve() } satisfies MessageSender,
    ).find((candidate) => candidate.name === 'preschool-queue')!;
    // Within the window (3 working days) nothing expires.
    advance(24 * 60);
    expect(await job.run()).toBe(0);
    expect((await protocolEvents()).events).toContain(`${slip} offered`);
    // Past it (Friday 11 December), the offer expires and the place moves to the later child;
    // the same round finds the second child's primary right never confirmed by documents
    // (5 working days) and records it lost (its referral stands).
    advance(9 * 24 * 60);
    expect(await job.run()).toBe(2);
    const protocol = await protocolEvents();
    expect(protocol.events).toContain(`${slip} expired`);
    expect(protocol.events).toContain(`${laterSlip} offered`);
    expect(protocol.events).toContain(`${primarySlip} accepted`);
    // The first child waits again; the later child's offer is in the parent's cabinet.
    expect((await lookUp(slip, 'ru')).position).toBe('1');
    await signIn(page, demoCitizen, 'ru');
    await page.goto('/cabinet/queue?lang=ru');
    const offers = page.locator('#queue-offers-table tr[data-status]');
    expect(
      await offers.evaluateAll((rows) =>
        rows.map(
          (row) => `${row.firstElementChild?.textContent} ${row.getAttribute('data-status')}`,
        ),
      ),
    ).toEqual(expect.arrayContaining([`${slip} expired`, `${laterSlip} open`]));
    await expectAccessible(page);
  });
});
