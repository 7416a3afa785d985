import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../src/config/paths.js';
import { applicationStatusLabels } from '../src/domain/application/ApplicationStatus.js';
import { kazakhstanDay } from '../src/domain/calendar/kazakhstan-day.js';
import type { Locale } from '../src/domain/shared/locale.js';
import { sandboxMark } from '../src/domain/shared/sandbox-mark.js';
import { demoStaffIin } from '../src/features/demo/demo-accounts.js';
import { DEMO_KEY_PASSWORD } from '../src/signing/pki-directory.js';
import { launchBrowser, saveScreenshot } from '../test/support/browser.js';
import { pdfQrCodes, pdfText } from '../test/support/documents.js';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.js';

// Issue 14, "must show": on a fresh sandbox start — `npm start` as the README's "Trying every
// service (sandbox)" tells a newcomer: the embedded database, the demo data, no other setting —
// the demo citizen applies on the portal "as of" a past day under two repealed regional
// regulations (South Kazakhstan's archive certificates, in force only in the first half of
// 2013; Kostanay's extern permission, 2019), the demo staff of the providers (README, "Demo
// accounts") walk each to its signed result in the browser, signing with their demo keys
// (PKI_DIR/demo/<IIN>.p12, made by the first start) through `qyzmet signer`, and /verify
// confirms the result from its QR code. Every page visited and every PDF carries the sandbox
// mark, in the page's language and in kk/ru/en.

const password = 'qyzmet2024';
const citizen = { iin: '850412412016', maskedPhone: '+7701***0001' };

/** One regulation walked from the portal to its verified result. */
interface Journey {
  readonly name: string;
  readonly locale: Locale;
  readonly region: string;
  readonly service: string;
  readonly regulationId: string;
  /** The day chosen in the catalogue's "as of" field: inside the regulation's period. */
  readonly asOf: string;
  readonly provider: string;
  /** The portal form after the provider: the fields the regulation asks. */
  fill(page: Page): Promise<void>;
  /** The kind of the document the citizen uploads (the regulation's documents). */
  readonly upload: string;
  /** The staff steps, in the regulation's order, each by its demo account. */
  readonly steps: readonly StaffStep[];
}

type StaffStep =
  | { role: 'registry_office'; act: 'register' }
  | { role: 'head'; act: 'assign' }
  | { role: 'executor'; act: 'draft'; fields: Record<string, string> }
  | { role: 'head' | 'executor'; act: 'sign' };

const journeys: readonly Journey[] = [
  {
    name: 'South Kazakhstan archive certificate, as of 5 March 2013 (ru)',
    locale: 'ru',
    region: 'south-kazakhstan',
    service: 'archive-certificate',
    regulationId: 'south-kazakhstan.archive-certificate.2012-12-26',
    asOf: '2013-03-05',
    provider: 'sko-archive',
    fill: async (page) => {
      await page.fill('#f-applicant-iin-or-bin', citizen.iin);
      await page.fill('#f-archive-certificate-type', 'О трудовом стаже');
    },
    upload: 'scanned-documents-by-type',
    // The portal channel (akimat-2012-149, annex 2): the head accepts it into work, the
    // executor decides, signs the certificate with the archive's key; the system issues it.
    steps: [
      { role: 'head', act: 'assign' },
      {
        role: 'executor',
        act: 'draft',
        fields: {
          'certificate-type': 'О трудовом стаже',
          'archive-data': 'Принят 01.09.2005, уволен 31.08.2010',
          'archive-reference': 'Ф. 12, оп. 3, д. 45',
        },
      },
      { role: 'executor', act: 'sign' },
    ],
  },
  {
    name: 'Kostanay extern permission, as of 14 October 2019 (kk)',
    locale: 'kk',
    region: 'kostanay',
    service: 'extern-permission',
    regulationId: 'kostanay.extern-permission.2018-12-21',
    asOf: '2019-10-14',
    provider: 'kst-akimat-kostanay',
    fill: async (page) => {
      expect(await page.inputValue('#f-applicant-iin')).toBe(citizen.iin);
    },
    upload: 'standard-point-9-documents',
    // The portal channel (akimat-2016-285, annex 1): registration, the head's resolution, the
    // executor's draft of the order extract, the head's signature; the system issues it.
    steps: [
      { role: 'registry_office', act: 'register' },
      { role: 'head', act: 'assign' },
      {
        role: 'executor',
        act: 'draft',
        fields: { 'order-number': '312-Э, 14.10.2019', 'student-name': 'Сейітқали Әлия' },
      },
      { role: 'head', act: 'sign' },
    ],
  },
];

const scan = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(1024, 0x20),
  Buffer.from('%%EOF\n'),
]);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `qyzmet signer` (the local NCALayer) with one demo key file, on `port`. */
async function startSigner(file: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [fromRoot('bin', 'qyzmet.js'), 'signer', '--p12', file, '--port', String(port)],
    {
      env: { ...process.env, QYZMET_NO_BUILD: '1', QYZMET_P12_PASSWORD: DEMO_KEY_PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`qyzmet signer exited with ${code}`)));
  });
  expect((JSON.parse(first) as { listening: string }).listening).toBe(`ws://127.0.0.1:${port}`);
  return child;
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('a fresh sandbox start: two repealed regional regulations walked to a verified result in the browser', () => {
  let directory: string;
  let server: ServerProcess;
  let signer: ChildProcess | undefined;
  let signerPort: number;
  let browser: Browser;
  const pagesChecked: string[] = [];
  const pdfsChecked: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-sandbox-e2e-'));
    const port = await freePort();
    signerPort = await freePort();
    [server, browser] = await Promise.all([
      // README: `npm start` on a fresh machine — NODE_ENV, DEMO_DATA, SANDBOX, DATABASE_URL
      // and PKI_DIR left to their defaults (development, demo data, sandbox, the embedded
      // database in DATA_DIR, DATA_DIR/pki); only where it listens and where NCALayer is.
      startServerProcess(
        {
          DATA_DIR: path.join(directory, 'data'),
          PORT: String(port),
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          NCALAYER_URL: `ws://127.0.0.1:${signerPort}`,
        },
        240_000,
        { unset: ['NODE_ENV', 'DEMO_DATA', 'SANDBOX', 'DATABASE_URL', 'PKI_DIR'] },
      ),
      launchBrowser(),
    ]);
    expect(
      server.logLines.some((line) => String(line.msg).startsWith('SANDBOX installation')),
    ).toBe(true);
    expect(server.logLines.some((line) => String(line.msg).startsWith('demo data loaded'))).toBe(
      true,
    );
  }, 300_000);
  afterAll(async () => {
    await stopChild(signer);
    await browser?.close();
    await server?.stop();
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
    console.log(
      JSON.stringify({
        journey: 'sandbox',
        seconds: Math.round((Date.now() - started) / 1000),
        pages: pagesChecked.length,
        pdfs: pdfsChecked,
      }),
    );
  });

  /** The page carries the sandbox mark, in its language only. */
  async function expectMarked(page: Page, locale: Locale, screenshot?: string) {
    const where = new URL(page.url()).pathname;
    expect(await page.locator('html').getAttribute('lang'), where).toBe(locale);
    const mark = page.locator('[data-sandbox="true"]');
    expect(await mark.count(), where).toBe(1);
    expect((await mark.textContent())!.replace(/\s+/g, ' ').trim(), where).toBe(
      sandboxMark[locale],
    );
    pagesChecked.push(`${locale} ${where}`);
    if (screenshot) await saveScreenshot(page, `sandbox-${screenshot}-${locale}`);
  }

  /** The PDF carries the mark in kk/ru/en; returns its text (whitespace folded). */
  function expectMarkedPdf(pdf: Buffer, what: string): string {
    expect(pdf.subarray(0, 4).toString(), what).toBe('%PDF');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const line of Object.values(sandboxMark)) expect(text, what).toContain(line);
    pdfsChecked.push(what);
    return text;
  }

  /** The one-time code of the next SMS to the demo citizen (the server logs it in development). */
  async function nextCitizenCode(after: number): Promise<string> {
    let code: string | undefined;
    await expect
      .poll(() => {
        const line = server.logLines
          .slice(after)
          .filter(
            (entry) =>
              String(entry.msg).startsWith('sms (development') &&
              entry.phone === citizen.maskedPhone,
          )
          .at(-1);
        code = /\b(\d{6})\b/.exec(String(line?.text ?? ''))?.[1];
        return code;
      })
      .toBeDefined();
    return code!;
  }

  async function signInStaff(context: BrowserContext, page: Page, iin: string, locale: Locale) {
    await context.clearCookies();
    await page.goto(`/staff/login?lang=${locale}`);
    await expectMarked(page, locale);
    await page.fill('#iin', iin);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(/\/back-office/), page.click('main button[type=submit]')]);
    await expectMarked(page, locale);
  }

  async function walk(journey: Journey) {
    const { locale } = journey;
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();

    // The catalogue today does not offer the repealed regulation; "as of" the chosen day it does.
    await page.goto(`/services?region=${journey.region}&lang=${locale}`);
    await expectMarked(page, locale);
    expect(await page.locator(`main a[href^="/services/${journey.service}"]`).count()).toBe(0);
    await page.fill('#asOf', journey.asOf);
    await Promise.all([
      page.waitForURL(new RegExp(`asOf=${journey.asOf}`)),
      page.click('form.as-of-chooser button[type=submit]'),
    ]);
    await expectMarked(page, locale, `${journey.service}-catalogue`);
    await Promise.all([
      page.waitForURL(new RegExp(`/services/${journey.service}`)),
      page.locator(`main a[href^="/services/${journey.service}"]`).first().click(),
    ]);
    await expectMarked(page, locale);
    expect(await page.inputValue('#asOf')).toBe(journey.asOf);

    // Apply → sign in (password, then the SMS code) → the regulation's form.
    await Promise.all([
      page.waitForURL(/\/login\?next=/),
      page.click(`main a.button[href="/apply/${journey.regulationId}"]`),
    ]);
    await expectMarked(page, locale);
    await page.fill('#iin', citizen.iin);
    await page.fill('#password', password);
    let logMark = server.logLines.length;
    await Promise.all([page.waitForURL(/\/login\/code/), page.click('main button[type=submit]')]);
    await expectMarked(page, locale);
    await page.fill('#code', await nextCitizenCode(logMark));
    await Promise.all([
      page.waitForURL(new RegExp(`/apply/${journey.regulationId}$`)),
      page.click('main button[type=submit]'),
    ]);
    await expectMarked(page, locale, `${journey.service}-form`);
    await page.selectOption('#provider', journey.provider);
    await journey.fill(page);
    await Promise.all([page.waitForURL(/\/documents$/), page.click('main button[type=submit]')]);
    await expectMarked(page, locale);
    await page.selectOption('#kind', journey.upload);
    await page.setInputFiles('#file', {
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: scan,
    });
    await Promise.all([
      page.waitForURL(/uploaded=/),
      page.click('main form[enctype] button[type=submit]'),
    ]);
    await expectMarked(page, locale);
    await Promise.all([page.waitForURL(/\/review$/), page.click('main a.button')]);
    await expectMarked(page, locale);
    logMark = server.logLines.length;
    await Promise.all([
      page.waitForURL(/\/certify\?/),
      page.click('main form button[type=submit]'),
    ]);
    await expectMarked(page, locale);
    await page.fill('#code', await nextCitizenCode(logMark));
    await Promise.all([page.waitForURL(/\/done$/), page.click('main form button[type=submit]')]);
    await expectMarked(page, locale, `${journey.service}-done`);

    // The application lives on its own clock: numbered in the as-of year, submitted that day.
    const number = (await page.locator('.application-number').textContent())!.trim();
    expect(number.startsWith(`${journey.asOf.slice(0, 4)}-`)).toBe(true);
    const applicationPath = (await page.getAttribute('main a.button', 'href'))!;
    const applicationId = applicationPath.split('/').at(-1)!;
    await page.goto(applicationPath);
    await expectMarked(page, locale);
    const submittedAt = (await page.locator('#history time').first().getAttribute('datetime'))!;
    expect(kazakhstanDay(new Date(submittedAt))).toBe(journey.asOf);
    // Its due is counted on that clock: on time, though real today is years later.
    expect(await page.locator('#application-due .tag.on-time').count()).toBe(1);

    // The staff of the provider walk every step in the back office.
    const staff = await browser.newContext({ baseURL: server.url });
    const desk = await staff.newPage();
    const applicationDesk = `/back-office/applications/${applicationId}`;
    let documentId = '';
    for (const step of journey.steps) {
      const iin = demoStaffIin(journey.provider, step.role);
      await signInStaff(staff, desk, iin, locale);
      const row = desk.locator(`#inbox tr[data-number="${number}"]`);
      expect(await row.count(), `${step.role} inbox`).toBe(1);
      // Its dues are on the application's clock: not overdue in the sandbox's real today.
      expect(await row.locator('.tag.overdue').count(), `${step.role} inbox`).toBe(0);
      await Promise.all([
        desk.waitForURL(new RegExp(applicationDesk)),
        row.locator('a').first().click(),
      ]);
      await expectMarked(desk, locale, `${journey.service}-${step.act}`);
      switch (step.act) {
        case 'register':
          await Promise.all([
            desk.waitForURL(/done=1/),
            desk.click('#complete-form button[type=submit]'),
          ]);
          break;
        case 'assign':
          await desk.selectOption('#assign-executor', { index: 0 });
          await Promise.all([
            desk.waitForURL(/done=1/),
            desk.click('#assign-form button[type=submit]'),
          ]);
          break;
        case 'draft':
          for (const [field, value] of Object.entries(step.fields))
            await desk.fill(`#draft-result-${field}`, value);
          await Promise.all([
            desk.waitForURL(/done=1/),
            desk.click('#draft-result-form button[type=submit]'),
          ]);
          break;
        case 'sign': {
          // The draft's PDF before signing carries the mark too.
          const draftHref = (await desk.getAttribute('#sign-form a[href*="/drafts/"]', 'href'))!;
          const draft = await desk.request.get(draftHref);
          expect(draft.status()).toBe(200);
          expectMarkedPdf(await draft.body(), `${journey.service} draft`);
          // The signer's demo key, made by the first start (PKI_DIR = DATA_DIR/pki).
          await stopChild(signer);
          signer = await startSigner(
            path.join(directory, 'data', 'pki', 'demo', `${iin}.p12`),
            signerPort,
          );
          await Promise.all([
            desk.waitForURL(/done=1/, { timeout: 60_000 }),
            desk.click('#sign-form button[type=submit]'),
          ]);
          const link = desk.locator('#documents a[href^="/verify/"]');
          documentId = (await link.getAttribute('href'))!.slice('/verify/'.length);
          break;
        }
      }
      await expectMarked(desk, locale);
    }
    expect(documentId).not.toBe('');
    await staff.close();

    // The citizen's cabinet: done, nothing overdue on its own clock, the result to download.
    await page.goto(`${applicationPath}?lang=${locale}`);
    await expectMarked(page, locale, `${journey.service}-cabinet`);
    expect(await page.locator('#application-status').textContent()).toBe(
      applicationStatusLabels.completed[locale],
    );
    expect(await page.locator('.tag.overdue').count()).toBe(0);
    const downloads = await page
      .locator('#documents a.download')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(downloads).toContain(`/documents/${documentId}.pdf`);
    let resultPdf: Buffer | undefined;
    for (const href of downloads) {
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      const pdf = await response.body();
      const text = expectMarkedPdf(pdf, `${journey.service} ${href}`);
      expect(text).toContain(number);
      if (href === `/documents/${documentId}.pdf`) resultPdf = pdf;
    }

    // Anyone opens the QR code's address: /verify confirms the result is genuine.
    const [qr] = pdfQrCodes(resultPdf!);
    expect(qr).toBe(`${server.url}/verify/${documentId}`);
    const anonymous = await browser.newContext({ baseURL: server.url });
    const visitor = await anonymous.newPage();
    await visitor.goto(`${new URL(qr!).pathname}?lang=${locale}`);
    await expectMarked(visitor, locale, `${journey.service}-verify`);
    expect(await visitor.locator('[data-genuine]').getAttribute('data-genuine')).toBe('true');
    const json = await visitor.request.get(`/verify/${documentId}`, {
      headers: { accept: 'application/json' },
    });
    expect(((await json.json()) as { genuine: boolean }).genuine).toBe(true);
    // …and the page of the other language carries the mark in it.
    const other: Locale = locale === 'kk' ? 'ru' : 'kk';
    await visitor.goto(`/verify/${documentId}?lang=${other}`);
    await expectMarked(visitor, other);
    await page.goto(`${applicationPath}?lang=${other}`);
    await expectMarked(page, other);
    await anonymous.close();
    await context.close();
  }

  for (const journey of journeys) {
    it(journey.name, () => walk(journey), 300_000);
  }
});
