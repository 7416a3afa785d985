import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../src/config/paths.js';
import { sampleDraftFields } from '../src/features/demo/sign-result.js';
import { generateIin } from '../src/domain/identity/identity-number-generator.js';
import { launchBrowser, seriousAccessibilityViolations } from '../test/support/browser.js';
import { regulationOf } from '../test/support/regulation-of.js';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.js';

// Issue 18, point 6 and "must show": the README's "try it" section followed word for word.
// Everything a newcomer reads — the start command, the demo password, the demo citizens and
// their phones, the walk-in test person, the local signer's command, NCALAYER_URL and the
// demo keys' password, and the "Try it" table (who signs in where and does what) — is parsed
// from README.md itself, so that the test follows the README or fails when it is wrong. The
// server is `npm start`'s own entry (`qyzmet serve`) with its defaults (development, demo
// data, the embedded database); only the port, the data directory and the signer's port differ.

const readme = fs.readFileSync(fromRoot('README.md'), 'utf8');

/** The text of the README's section titled `title` (up to the next heading of its level or higher). */
function section(title: string): string {
  const lines = readme.split('\n');
  const start = lines.findIndex(
    (line) => /^#{2,3} /.test(line) && line.replace(/^#+ /, '') === title,
  );
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex(
    (line, index) => index > start && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level,
  );
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The rows of the first Markdown table in `text`, as arrays of trimmed cells. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

function match(text: string, pattern: RegExp, what: string): RegExpExecArray {
  const found = pattern.exec(text);
  if (!found) throw new Error(`README: ${what} not found (${pattern})`);
  return found;
}

const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((found) => found[1]!);

// "Demo accounts": the password, the two citizens with their phones, the staff table.
const demoAccounts = section('Demo accounts');
const password = match(
  demoAccounts,
  /Every demo account has the password \*\*`([^`]+)`\*\*/,
  'the demo password',
)[1]!;
const citizenOf = (who: RegExp) => {
  const row = tableRows(demoAccounts).find((cells) => who.test(cells[0]!))!;
  return {
    iin: backticked(row[1]!)[0]!,
    phone: match(row[0]!, /phone (\+7\d{10})/, 'a demo citizen’s phone')[1]!,
  };
};
const demoCitizen = citizenOf(/^citizen/);
const demoRepresentative = citizenOf(/^representative/);
const staffTable = tableRows(demoAccounts.slice(demoAccounts.indexOf('| organisation')));
const organisationOf = (iin: string) => {
  const row = staffTable.find((cells) => backticked(cells[3] ?? '')[0] === iin);
  return row ? backticked(row[2]!)[0] : undefined;
};

// "Walk-in test people": the synthetic person the front office serves.
const walkIn = match(
  section('Walk-in test people (front office)'),
  /synthetic \*\*([^,*]+), IIN `(\d{12})`\*\*/,
  'the walk-in test person',
);
const walkInPerson = { name: walkIn[1]!, iin: walkIn[2]! };

// "Signing in the browser": the signer's command, NCALAYER_URL and the keys' password.
const signing = section('Signing in the browser (local NCALayer-compatible signer)');
const signerCommand = match(
  signing,
  /npx qyzmet signer --p12 (\S+)\/(\d{12})\.p12 --password (\S+)/,
  'the signer command',
);
const keyDirectory = signerCommand[1]!; // data/pki/demo
const keyPassword = signerCommand[3]!;
const ncaLayerUrl = match(
  signing,
  /NCALAYER_URL=(ws:\/\/127\.0\.0\.1:(\d+)) npm start/,
  'NCALAYER_URL',
);
const keyPasswordInText = match(
  signing,
  /password\s+\*\*`([^`]+)`\*\*/,
  'the demo keys’ password',
)[1]!;

// "Try it": who signs in where and does what.
interface TryRow {
  readonly account: string;
  readonly iin: string;
  readonly signIn: string;
  readonly action: string;
  /** The paths the action names, in order. */
  readonly paths: readonly string[];
}
const tryRows: TryRow[] = tableRows(section('Try it')).map((cells) => ({
  account: cells[0]!,
  iin: backticked(cells[1]!)[0]!,
  signIn: backticked(cells[2]!)[0]!,
  action: cells[3]!,
  paths: backticked(cells[3]!),
}));
/** The row whose account and action match. */
function row(account: RegExp, action: RegExp = /./): TryRow {
  const found = tryRows.filter((entry) => account.test(entry.account) && action.test(entry.action));
  if (found.length !== 1) throw new Error(`README "Try it": ${found.length} rows for ${account}`);
  return found[0]!;
}

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

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('the README’s "Try it", followed word for word on a fresh `npm start`', () => {
  let directory: string;
  let server: ServerProcess;
  let signer: ChildProcess | undefined;
  let signerPort: number;
  let browser: Browser;
  const covered = new Set<TryRow>();
  const pagesChecked: string[] = [];
  const started = Date.now();
  /** The citizen's portal application, walked by the provider's staff. */
  let citizenApplication = { id: '', number: '' };
  let walkInNumber = '';
  /** The slip of the child the citizen puts in the kindergarten queue, claiming a primary right. */
  let queueNumber = '';
  /** The citizen's signed-in page and how many history entries the application had at first. */
  let citizenPage: Page | undefined;
  let citizenHistory = 0;

  /** `qyzmet signer` exactly as the README writes it, the key file under DATA_DIR, on `port`. */
  async function startSigner(iin: string): Promise<ChildProcess> {
    const file = path.join(directory, keyDirectory, `${iin}.p12`);
    expect(fs.existsSync(file), file).toBe(true);
    const child = spawn(
      process.execPath,
      [
        fromRoot('bin', 'qyzmet.js'),
        'signer',
        '--p12',
        file,
        '--password',
        keyPassword,
        '--port',
        String(signerPort),
      ],
      { env: { ...process.env, QYZMET_NO_BUILD: '1' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`qyzmet signer exited with ${code}`)));
    });
    expect((JSON.parse(first) as { listening: string }).listening).toBe(
      ncaLayerUrl[1]!.replace(`:${ncaLayerUrl[2]}`, `:${signerPort}`),
    );
    return child;
  }

  async function checkPage(page: Page) {
    expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
    pagesChecked.push(new URL(page.url()).pathname);
  }

  /** The code of the next SMS to `phone`: the development server writes it to its log (README). */
  async function nextCode(phone: string, after: number): Promise<string> {
    const masked = `${phone.slice(0, 5)}***${phone.slice(-4)}`;
    let code: string | undefined;
    await expect
      .poll(
        () => {
          const line = server.logLines
            .slice(after)
            .filter(
              (entry) => String(entry.msg).startsWith('sms (development') && entry.phone === masked,
            )
            .at(-1);
          code = /\b(\d{6})\b/.exec(String(line?.text ?? ''))?.[1];
          return code;
        },
        { timeout: 15_000 },
      )
      .toBeDefined();
    return code!;
  }

  /** A new browser context signed in as the README row says. */
  async function signIn(entry: TryRow): Promise<{ context: BrowserContext; page: Page }> {
    covered.add(entry);
    const context = await browser.newContext({ baseURL: server.url, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${entry.signIn}?lang=ru`);
    await checkPage(page);
    await page.fill('#iin', entry.iin);
    await page.fill('#password', password);
    if (entry.signIn === '/login') {
      const citizen = [demoCitizen, demoRepresentative].find((c) => c.iin === entry.iin);
      expect(citizen, `${entry.iin} is a demo citizen of "Demo accounts"`).toBeDefined();
      const mark = server.logLines.length;
      await Promise.all([page.waitForURL(/\/login\/code/), page.click('main button[type=submit]')]);
      await page.fill('#code', await nextCode(citizen!.phone, mark));
      await Promise.all([page.waitForURL(/\/cabinet/), page.click('main button[type=submit]')]);
    } else {
      await Promise.all([
        page.waitForURL(/\/(back-office|front-office|admin)/),
        page.click('main button[type=submit]'),
      ]);
    }
    return { context, page };
  }

  /** Opens the back-office page of the application numbered `number` from the inbox. */
  async function openFromInbox(page: Page, number: string) {
    await page.goto('/back-office?lang=ru');
    await checkPage(page);
    const link = page.locator(`#inbox tr[data-number="${number}"] a`).first();
    expect(await link.count(), `${number} in the inbox`).toBe(1);
    await Promise.all([page.waitForURL(/\/back-office\/applications\//), link.click()]);
    await checkPage(page);
  }

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-readme-e2e-'));
    const port = await freePort();
    signerPort = await freePort();
    // The README's start is `npm start`; package.json's start script is the entry run here.
    expect(match(readme, /```sh\n([^\n]+)/, 'the start command')[1]).toContain('npm start');
    const pkg = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('node bin/qyzmet.js serve');
    [server, browser] = await Promise.all([
      startServerProcess(
        {
          DATA_DIR: path.join(directory, 'data'),
          PORT: String(port),
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          NCALAYER_URL: ncaLayerUrl[1]!.replace(`:${ncaLayerUrl[2]}`, `:${signerPort}`),
        },
        // The first start seeds the demo data of every regulation: minutes on a loaded machine.
        420_000,
        { unset: ['NODE_ENV', 'DEMO_DATA', 'SANDBOX', 'DATABASE_URL', 'PKI_DIR'] },
      ),
      launchBrowser(),
    ]);
    expect(server.logLines.some((line) => String(line.msg).startsWith('demo data loaded'))).toBe(
      true,
    );
  }, 480_000);
  afterAll(async () => {
    await stopChild(signer);
    await browser?.close();
    await server?.stop();
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
    console.log(
      JSON.stringify({
        journey: 'readme-try-it',
        seconds: Math.round((Date.now() - started) / 1000),
        pages: pagesChecked.length,
      }),
    );
  });

  it('the README states one password for the demo keys, and the signer example is a demo head’s key', () => {
    expect(keyPassword).toBe(keyPasswordInText);
    expect(keyDirectory).toBe('data/pki/demo');
    expect(signerCommand[2]).toBe(row(/^head$/).iin);
    expect(organisationOf(walkInPerson.iin)).toBeUndefined();
    // The key files are written by the first start: the README starts the system before the
    // signer (the other order fails on a fresh checkout: "no such file").
    expect(signing.indexOf('NCALAYER_URL=')).toBeLessThan(signing.indexOf('npx qyzmet signer'));
  });

  it('the citizen applies for a service from the catalogue and follows it in the cabinet', async () => {
    const entry = row(/^citizen$/, /apply/);
    expect(entry.paths).toEqual(['/services', '/cabinet']);
    const provider = organisationOf(row(/^head$/).iin)!;
    expect(provider).toBe('kst-demo-school');
    const { page } = await signIn(entry); // kept open: the citizen follows it below
    await page.goto(`${entry.paths[0]}?region=kostanay&lang=ru`);
    await checkPage(page);
    await Promise.all([
      page.waitForURL(/\/services\/duplicates/),
      page.locator('main a[href^="/services/duplicates"]').first().click(),
    ]);
    await checkPage(page);
    await Promise.all([
      page.waitForURL(/\/apply\//),
      page.locator('main a.button[href^="/apply/"]').first().click(),
    ]);
    await page.selectOption('#provider', provider);
    // The front office of the README's operator (Kostanay) collects the result.
    await page.selectOption('#front-office', organisationOf(row(/^operator$/).iin)!);
    await page.check('#f-document-status-1');
    await page.check('#f-name-changed-1');
    await checkPage(page);
    await Promise.all([page.waitForURL(/\/documents$/), page.click('main button[type=submit]')]);
    await page.selectOption('#kind', 'original-education-document');
    await page.setInputFiles('#file', {
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: scan,
    });
    await Promise.all([
      page.waitForURL(/uploaded=/),
      page.click('main form[enctype] button[type=submit]'),
    ]);
    await checkPage(page);
    await Promise.all([page.waitForURL(/\/review$/), page.click('main a.button')]);
    await checkPage(page);
    const mark = server.logLines.length;
    await Promise.all([
      page.waitForURL(/\/certify\?/),
      page.click('main form button[type=submit]'),
    ]);
    await page.fill('#code', await nextCode(demoCitizen.phone, mark));
    await Promise.all([page.waitForURL(/\/done$/), page.click('main form button[type=submit]')]);
    await checkPage(page);
    const number = (await page.locator('.application-number').textContent())!.trim();
    const link = (await page.getAttribute('main a.button', 'href'))!;
    citizenApplication = { id: link.split('/').at(-1)!, number };
    await page.goto(`${entry.paths[1]}?lang=ru`);
    await checkPage(page);
    expect(
      await page.locator(`tr[data-application-id="${citizenApplication.id}"]`).textContent(),
    ).toContain(number);
    // Its page in the cabinet, followed again once the head has signed the result.
    await page.goto(`/cabinet/applications/${citizenApplication.id}?lang=ru`);
    await checkPage(page);
    citizenHistory = await page.locator('#history time').count();
    expect(citizenHistory).toBeGreaterThan(0);
    citizenPage = page;
  });

  it('the representative sees the applications made for the citizen in the cabinet', async () => {
    const entry = row(/^representative$/);
    expect(entry.iin).toBe(demoRepresentative.iin);
    const { context, page } = await signIn(entry);
    await page.goto(`${entry.paths[0]}?lang=ru`);
    await checkPage(page);
    expect(await page.locator('tr[data-application-id]').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('the operator takes an application from the README’s walk-in person', async () => {
    const entry = row(/^operator$/);
    const { context, page } = await signIn(entry);
    // The operator's own demo key is there for the electronic request (README, signing).
    expect(fs.existsSync(path.join(directory, keyDirectory, `${entry.iin}.p12`))).toBe(true);
    await page.goto(`${entry.paths[0]}?lang=ru`);
    await checkPage(page);
    await page.selectOption('#choice', `duplicates|${organisationOf(row(/^head$/).iin)}`);
    await page.fill('#applicantIin', walkInPerson.iin);
    await page.click('button[value=identify]');
    await expect.poll(() => page.locator('#applicant-name').count()).toBe(1);
    expect((await page.locator('#applicant-name').textContent())!.replace(/\s+/g, ' ')).toContain(
      walkInPerson.name,
    );
    await checkPage(page);
    for (const select of await page.locator('main form select[id^="field-"]').all()) {
      if (!(await select.inputValue())) await select.selectOption({ index: 1 });
    }
    await page.check('#consentGiven');
    await page.check('#requestSigned');
    if ((await page.inputValue('#applicantPhone')) === '')
      await page.fill('#applicantPhone', '+77070000000');
    await Promise.all([
      page.waitForURL(/\/front-office\/applications\/[0-9a-f-]{36}\?taken=accepted/),
      page.click('button[value=accept]'),
    ]);
    await checkPage(page);
    walkInNumber = (await page.locator('#electronic-request #request-number').textContent())!;
    expect(walkInNumber).toMatch(/^\d{4}-\d+/);
    await context.close();
  });

  it('the courier sees the packages to carry', async () => {
    const entry = row(/^courier$/);
    const { context, page } = await signIn(entry);
    await page.goto(`${entry.paths[0]}?lang=ru`);
    await checkPage(page);
    expect(await page.locator(`li[data-number="${walkInNumber}"]`).count()).toBe(1);
    await context.close();
  });

  it('the registry office registers a received application from the inbox', async () => {
    const entry = row(/^registry office$/);
    const { context, page } = await signIn(entry);
    await page.goto(`${entry.paths[0]}?lang=ru`);
    await checkPage(page);
    const numbers = await page
      .locator('#inbox tr[data-number]')
      .evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-number')!));
    let registered = '';
    for (const number of numbers.slice(0, 20)) {
      await openFromInbox(page, number);
      const step = page.locator('#complete-form input[name=stepId]');
      if ((await step.count()) === 1 && (await step.inputValue()) === 'register') {
        await Promise.all([
          page.waitForURL(/done=1/),
          page.click('#complete-form button[type=submit]'),
        ]);
        await checkPage(page);
        registered = number;
        break;
      }
    }
    expect(registered, 'an application to register in the inbox').not.toBe('');
    await context.close();
  });

  it('the head assigns the citizen’s application to the executor', async () => {
    const entry = row(/^head$/);
    const { context, page } = await signIn(entry);
    await openFromInbox(page, citizenApplication.number);
    await page.selectOption('#assign-executor', { index: 0 });
    await Promise.all([page.waitForURL(/done=1/), page.click('#assign-form button[type=submit]')]);
    await checkPage(page);
    await context.close();
  });

  it('the executor prepares the draft of the result', async () => {
    const entry = row(/^executor$/);
    expect(organisationOf(entry.iin)).toBe(organisationOf(row(/^head$/).iin));
    const { context, page } = await signIn(entry);
    await openFromInbox(page, citizenApplication.number);
    for (const [field, value] of Object.entries(
      sampleDraftFields('result', regulationOf('duplicates', 'national')),
    ))
      await page.fill(`#draft-result-${field}`, Array.isArray(value) ? value.join('\n') : value);
    await Promise.all([
      page.waitForURL(/done=1/),
      page.click('#draft-result-form button[type=submit]'),
    ]);
    await checkPage(page);
    await context.close();
  });

  it('the head signs the draft with the local signer, as the README runs it', async () => {
    const entry = row(/^head$/);
    expect(entry.action).toContain('local signer');
    signer = await startSigner(entry.iin);
    const { context, page } = await signIn(entry);
    await openFromInbox(page, citizenApplication.number);
    await Promise.all([
      page.waitForURL(/done=1/, { timeout: 60_000 }),
      page.click('#sign-form button[type=submit]'),
    ]);
    await checkPage(page);
    const verify = (await page.locator('#documents a[href^="/verify/"]').getAttribute('href'))!;
    await page.goto(`${verify}?lang=ru`);
    expect(await page.locator('[data-genuine]').getAttribute('data-genuine')).toBe('true');
    await checkPage(page);
    await context.close();
    // The citizen follows it in the cabinet: the assignment, the draft and the signature are there.
    await citizenPage!.goto(`/cabinet/applications/${citizenApplication.id}?lang=ru`);
    expect(await citizenPage!.locator('#history time').count()).toBeGreaterThan(citizenHistory);
    await checkPage(citizenPage!);
  });

  it('the administrator corrects a staff member’s name', async () => {
    const entry = row(/^administrator$/);
    const { context, page } = await signIn(entry);
    await page.goto(`${entry.paths[0]}?lang=ru`);
    await checkPage(page);
    const member = page
      .locator('#staff tr[data-staff-id]')
      .filter({ hasText: row(/^executor$/).iin });
    await member.locator('details.name-form summary').click();
    const corrected = 'Исправленная Фамилия Имя';
    await member.locator('input[name=fullName]').fill(corrected);
    await Promise.all([
      page.waitForURL(/\/admin\/organisations\//),
      member.locator('details.name-form button[type=submit]').click(),
    ]);
    await page.goto(`${entry.paths[0]}?lang=ru`);
    expect(
      await page
        .locator('#staff tr[data-staff-id]')
        .filter({ hasText: row(/^executor$/).iin })
        .locator('th')
        .textContent(),
    ).toBe(corrected);
    await checkPage(page);
    await context.close();
  });

  it('the citizen puts a child in the kindergarten queue and follows it', async () => {
    const entry = row(/^citizen$/, /kindergarten queue/);
    const { context, page } = await signIn(entry);
    await page.goto(`${entry.paths[0]}?lang=ru`);
    await checkPage(page);
    await page.selectOption('#district', { index: 1 });
    await Promise.all([
      page.waitForURL(/district=/),
      page.locator('form[action="/cabinet/queue/new"][method=get] button').click(),
    ]);
    await page.fill('#childIin', generateIin('2024-03-01', 'female'));
    await page.fill('#birthDate', '2024-03-01');
    await page.selectOption('#language', 'ru');
    // A primary right, for the department to confirm by documents on its privileges page.
    await page.selectOption('#category', 'primary');
    await page.locator('input[name=kindergarten]').first().check();
    await page.fill('#desiredStart', '2027-09-01');
    await checkPage(page);
    await Promise.all([
      page.waitForURL(/registered=/),
      page.click('#queue-register-form button[type=submit]'),
    ]);
    const number = /registered=(Q-[\d-]+)/.exec(decodeURIComponent(page.url()))![1]!;
    queueNumber = number;
    await page.goto(`${entry.paths[1]}?lang=ru`);
    await checkPage(page);
    expect(await page.locator('main').textContent()).toContain(number);
    await context.close();
  });

  it('the kindergarten publishes a free place', async () => {
    const entry = row(/^kindergarten places/);
    const { context, page } = await signIn(entry);
    await page.goto(`${entry.paths[0]}?lang=ru`);
    await checkPage(page);
    if ((await page.inputValue('#group')) === '') await page.selectOption('#group', { index: 1 });
    await page.fill('#places', '1');
    await Promise.all([
      page.waitForURL(/offered=/),
      page.click('#publish-form button[type=submit]'),
    ]);
    expect(await page.locator('#places-offered').count()).toBe(1);
    await checkPage(page);
    // The privilege the citizen claimed awaits confirmation: its slip is listed, and confirming
    // it takes it off the list with a notice naming it.
    await page.goto(`${entry.paths[1]}?lang=ru`);
    await checkPage(page);
    expect(await page.locator('h1').textContent()).toBe('Подтверждение льгот');
    const claimed = page.locator(`#queue-privileges tr[data-number="${queueNumber}"]`);
    expect(await claimed.locator('td').nth(2).textContent()).toBe('Первоочередное право');
    await Promise.all([
      page.waitForURL(/decided=confirm/),
      claimed.locator('button[value=confirm]').click(),
    ]);
    expect(await page.locator('#privilege-decided').textContent()).toContain(
      `Льгота подтверждена: ${queueNumber}`,
    );
    expect(await page.locator(`#queue-privileges tr[data-number="${queueNumber}"]`).count()).toBe(
      0,
    );
    await checkPage(page);
    await context.close();
  });

  it('the department head sees the queue’s statistics', async () => {
    const entry = row(/^department head/);
    const { context, page } = await signIn(entry);
    const response = await page.goto(`${entry.paths[0]}?lang=ru`);
    expect(response?.status()).toBe(200);
    await checkPage(page);
    expect(await page.locator('main table').count()).toBeGreaterThan(0);
    // The privileges page: the one the executor confirmed is no longer awaiting a decision.
    expect((await page.goto(`${entry.paths[1]}?lang=ru`))?.status()).toBe(200);
    await checkPage(page);
    expect(await page.locator('h1').textContent()).toBe('Подтверждение льгот');
    expect(await page.locator(`#queue-privileges tr[data-number="${queueNumber}"]`).count()).toBe(
      0,
    );
    await context.close();
  });

  it('every row of the README’s "Try it" was walked', () => {
    expect(tryRows.length).toBeGreaterThan(0);
    expect(tryRows.filter((entry) => !covered.has(entry)).map((entry) => entry.account)).toEqual(
      [],
    );
  });
});
