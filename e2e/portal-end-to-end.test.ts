import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCms } from '../src/signing/cms-sign.js';
import { sampleDraftFields } from '../src/features/demo/sign-result.js';
import { regulationOf } from '../test/support/regulation-of.js';
import { createApiToken } from '../src/features/api-tokens/create-api-token.js';
import { demoStaffIin } from '../src/features/demo/demo-accounts.js';
import { formatDateTime } from '../src/http/web/messages.js';
import { createSimulatorData } from '../src/integrations/simulator/synthetic-people.js';
import { startSigningWebServer, type SigningWebServer } from '../test/support/back-office-web.js';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../test/support/browser.js';
import { pdfQrCodes, pdfText } from '../test/support/documents.js';

// One application from the citizen's first visit to the verified result (issue 8, "must
// show"): register, sign in, apply with an upload, certify by SMS code, follow it in the
// cabinet, the back office completes it through /api/v1 (the head's real CMS over the result's
// PDF), the notification arrives, the PDF downloads and its QR code verifies — in kk and ru.

const school = 'kst-demo-school';
const frontOffice = 'kst-front-office';
const regulationId = 'national.duplicates.2020-01-01';
const simulatorData = createSimulatorData();
const person = simulatorData.people.filter((p) => p.birthDate <= '2000-01-01')[20]!;
// The code that proves the IIN goes to the phone the mobile-citizens registry holds for it.
const phone = simulatorData.mobileCitizens.find((record) => record.iin === person.iin)!.phone;
const password = 'Portal-2026-journey';
const scan = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(1024, 0x20),
  Buffer.from('%%EOF\n'),
]);

async function checkPage(page: Page, screenshot?: string) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  if (screenshot) await saveScreenshot(page, screenshot);
}

describe('citizen portal end to end: one application from registration to the verified result', () => {
  let server: SigningWebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let application: { id: string; number: string; dueAt: string };

  const api = async (token: string, path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startSigningWebServer({
        now: () => new Date(),
        signerHolder: {
          iin: demoStaffIin(school, 'head'),
          surname: 'Басшы',
          name: 'Демо',
          organisation: { name: 'Демо мектеп', bin: '190140012345', isHead: true },
        },
      }),
      launchBrowser(),
    ]);
    context = await browser.newContext({ baseURL: server.url });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers, signs in with the SMS code, applies with an upload and certifies (kk)', async () => {
    await page.goto('/?lang=kk');
    await page.goto(`/apply/${regulationId}`);
    await page.waitForURL(/\/login\?next=/);
    await Promise.all([page.waitForURL(/\/register/), page.click('main a[href^="/register"]')]);
    await page.fill('#iin', person.iin);
    await Promise.all([
      page.waitForURL(/\/register\/code/),
      page.click('main button[type=submit]'),
    ]);
    await page.fill('#code', server.sms.lastCodeTo(phone));
    await page.fill('#password', password);
    await page.fill('#password2', password);
    await Promise.all([page.waitForURL(/\/login\?/), page.click('main button[type=submit]')]);
    await page.fill('#iin', person.iin);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(/\/login\/code/), page.click('main button[type=submit]')]);
    await page.fill('#code', server.sms.lastCodeTo(phone));
    await Promise.all([
      page.waitForURL(new RegExp(`/apply/${regulationId}$`)),
      page.click('main button[type=submit]'),
    ]);
    await page.selectOption('#provider', school);
    await page.selectOption('#front-office', frontOffice);
    await page.check('#f-document-status-1');
    await page.check('#f-name-changed-1');
    await Promise.all([page.waitForURL(/\/documents$/), page.click('main button[type=submit]')]);
    await page.selectOption('#kind', 'original-education-document');
    await page.setInputFiles('#file', {
      name: 'attestat.pdf',
      mimeType: 'application/pdf',
      buffer: scan,
    });
    await Promise.all([
      page.waitForURL(/uploaded=/),
      page.click('main form[enctype] button[type=submit]'),
    ]);
    expect(await page.locator('main table').textContent()).toContain(
      createHash('sha256').update(scan).digest('hex'),
    );
    await Promise.all([page.waitForURL(/\/review$/), page.click('main a.button')]);
    await Promise.all([
      page.waitForURL(/\/certify\?/),
      page.click('main form button[type=submit]'),
    ]);
    await page.fill('#code', server.sms.lastCodeTo(phone));
    await Promise.all([page.waitForURL(/\/done$/), page.click('main form button[type=submit]')]);
    await checkPage(page, 'portal-e2e-confirmation-kk');
    const number = (await page.locator('.application-number').textContent())!.trim();
    const link = (await page.getAttribute('main a.button', 'href'))!;
    const code = (await page.locator('.status-check-code').textContent())!.trim();
    const status = (await (
      await page.request.get(`/api/v1/public/status/${number}?code=${code}`)
    ).json()) as {
      dueAt: string;
    };
    application = { id: link.split('/').at(-1)!, number, dueAt: status.dueAt };
    expect((await page.locator('.due-at').textContent())!.trim()).toBe(
      formatDateTime(new Date(status.dueAt), 'kk'),
    );
  });

  it('shows the same application in the cabinet with its due date, in kk and in ru', async () => {
    for (const lang of ['kk', 'ru'] as const) {
      await page.goto(`/cabinet?lang=${lang}`);
      const row = page.locator(`tr[data-application-id="${application.id}"]`);
      expect(await row.locator('td.due time').textContent()).toBe(
        formatDateTime(new Date(application.dueAt), lang),
      );
      await page.goto(`/cabinet/applications/${application.id}`);
      expect(await page.locator('main').textContent()).toContain(application.number);
      expect(await page.locator('#application-due time').textContent()).toBe(
        formatDateTime(new Date(application.dueAt), lang),
      );
      await checkPage(page, `portal-e2e-cabinet-${lang}`);
    }
  });

  it('receives the notification and the head-signed result PDF whose QR code verifies (ru)', async () => {
    const db = server.database.db;
    const tokenOf = async (
      organisationId: string,
      role: 'head' | 'executor' | 'registry_office' | 'front_office_operator',
    ) => {
      const member = server.demo.staff.find(
        (s) => s.organisationId === organisationId && s.role === role,
      )!;
      const created = await createApiToken(
        db,
        { kind: 'system', id: 'e2e' },
        {
          name: `e2e ${role}`,
          organisationId,
          roles: [role],
          staffAccountId: member.principal.staffId,
        },
        new Date(),
      );
      return { token: created.token, staffId: member.principal.staffId };
    };
    const head = await tokenOf(school, 'head');
    const executor = await tokenOf(school, 'executor');
    const registry = await tokenOf(school, 'registry_office');
    const operator = await tokenOf(frontOffice, 'front_office_operator');
    const command = (who: { token: string }, key: string, body: Record<string, unknown>) =>
      api(who.token, `/api/v1/applications/${application.id}/commands`, {
        kind: 'complete_step',
        idempotencyKey: `e2e-${key}`,
        ...body,
      });

    await command(head, 'assign', { stepId: 'assign', executorId: executor.staffId });
    const draft = (await api(
      executor.token,
      `/api/v1/applications/${application.id}/documents/prepare`,
      {
        idempotencyKey: 'e2e-prepare',
        outcome: 'result',
        fields: sampleDraftFields('result', regulationOf('duplicates', 'national')),
      },
    )) as { draftId: string; documentId: string; number: string; pdfSha256: string };
    const cms = Buffer.from(
      await signCms({
        credential: server.pki.holders[0]!.signing,
        digest: new Uint8Array(Buffer.from(draft.pdfSha256, 'hex')),
        signingTime: new Date(),
        attached: false,
      }),
    ).toString('base64');
    await api(
      head.token,
      `/api/v1/applications/${application.id}/documents/${draft.draftId}/sign`,
      {
        idempotencyKey: 'e2e-sign',
        cms,
      },
    );
    await command(registry, 'send', { stepId: 'send-result' });
    await command(operator, 'issue', {
      stepId: 'fo-issue-result',
      documentIds: [draft.documentId],
    });

    await page.goto('/cabinet/notifications?lang=ru');
    const latest = page.locator('li.notification').first();
    expect(await latest.getAttribute('class')).toContain('unread');
    expect(await latest.textContent()).toContain(application.number);
    await checkPage(page, 'portal-e2e-notifications-ru');

    await page.goto(`/cabinet/applications/${application.id}`);
    const href = await page.locator('#documents a.download').getAttribute('href');
    expect(href).toBe(`/documents/${draft.documentId}.pdf`);
    const pdf = await (await page.request.get(href!)).body();
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    // The head signed the body (its SHA-256 is the draft's); the issued PDF is that body with
    // the signature stamp, which prints the hash under the name /verify uses.
    expect(text).toContain(`SHA-256 подписанного содержания: ${draft.pdfSha256}`);
    expect(createHash('sha256').update(pdf).digest('hex')).not.toBe(draft.pdfSha256);
    expect(text).toContain(draft.number);
    expect(text).toContain(application.number);

    // The QR code printed on the result leads to the public verification page.
    const [qr] = pdfQrCodes(pdf);
    expect(qr).toMatch(new RegExp(`/verify/${draft.documentId}$`));
    const anonymous = await browser.newContext({ baseURL: server.url });
    const visitor = await anonymous.newPage();
    await visitor.goto(`${new URL(qr!).pathname}?lang=ru`);
    expect(await visitor.locator('main').textContent()).toContain('Документ подлинный');
    await saveScreenshot(visitor, 'portal-e2e-verify-ru');
    await anonymous.close();
  });
});
