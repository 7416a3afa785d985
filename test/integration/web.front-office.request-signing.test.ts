// The operator's page shows the electronic request and signs it with NCALayer (issue 9): the
// NCALayer form in kk and ru, the refusals (after post/redirect/get) as a 422 page with the
// message beside the form, another front office's 404, and the provider's back office showing
// who signed and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/application.repository.js';
import {
  createFrontOfficeRequestFixture,
  type FrontOfficeRequestFixture,
} from '../support/front-office-request.js';
import { openRefusedForm } from '../support/refused-form.js';

describe('the electronic request on the front office’s application page', () => {
  let f: FrontOfficeRequestFixture;
  let applicationId = '';
  let sha256 = '';
  let operator: { cookie: string; csrf: string };
  let other: { cookie: string; csrf: string };
  beforeAll(async () => {
    f = await createFrontOfficeRequestFixture();
    applicationId = (await f.take()).applicationId;
    sha256 = (
      await f.database.db
        .selectFrom('front_office_request')
        .select('content_sha256')
        .where('application_id', '=', applicationId)
        .executeTakeFirstOrThrow()
    ).content_sha256;
    operator = await f.logIn(f.staff.operator);
    other = await f.logIn(f.staff.otherOperator);
  });
  afterAll(async () => {
    await f?.database.close();
  });

  const page = (who: { cookie: string }, locale = 'ru') =>
    f.app.request(`/front-office/applications/${applicationId}?lang=${locale}`, {
      headers: { accept: 'text/html', cookie: who.cookie },
    });
  const post = (who: { cookie: string; csrf: string }, cms: string) =>
    f.app.request(`/front-office/applications/${applicationId}/request/sign`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: who.cookie,
      },
      body: new URLSearchParams({ _csrf: who.csrf, cms }).toString(),
    });
  const eventCount = async () => (await listEvents(f.database.db, applicationId)).length;

  it('shows the request and the NCALayer form with its SHA-256, in ru and kk', async () => {
    const ru = await page(operator);
    expect(ru.status).toBe(200);
    const html = await ru.text();
    expect(html).toContain('Электронный запрос (услугодателю)');
    expect(html).toContain('id="request-sign-form"');
    expect(html).toContain(`value="${Buffer.from(sha256, 'hex').toString('base64')}"`);
    expect(html).toContain(sha256);
    expect(html).toContain('/assets/ncalayer.js');
    expect(html).toContain('Шаг регламента ждёт подписи');
    const kk = await (await page(operator, 'kk')).text();
    expect(kk).toContain('Электрондық сұрау салу (көрсетілетін қызметті берушіге)');
    expect(kk).toContain('ЭЦҚ-мен қол қою (NCALayer)');
  });

  it('answers 404 to another front office, on the page and the signature', async () => {
    const before = await eventCount();
    expect((await page(other)).status).toBe(404);
    expect((await post(other, await f.cmsOverHash(0, sha256))).status).toBe(404);
    expect(await eventCount()).toBe(before);
  });

  it('refuses no signature and a wrong signature: 303 to the page, whose GET shows the 422 beside the form, changing nothing', async () => {
    const before = await eventCount();
    const applicationPage = `/front-office/applications/${applicationId}`;
    const shown = async (posted: Response) =>
      openRefusedForm(f.app, posted, operator.cookie, applicationPage, { accept: 'text/html' });
    const empty = await shown(await post(operator, ''));
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('NCALayer не вернул подпись');
    const wrong = await shown(await post(operator, await f.cmsOverHash(1, sha256)));
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain('Не подтверждение подлинности ЭЦП.');
    expect(html).toContain('href="#request-sign-status"');
    expect(await eventCount()).toBe(before);
  });

  it('signs with the operator’s key: 303, the page shows the signer; the provider sees it too', async () => {
    const signed = await post(operator, await f.cmsOverHash(0, sha256));
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe(
      `/front-office/applications/${applicationId}?taken=signed`,
    );
    const html = await (await page(operator)).text();
    expect(html).toContain('id="request-signed"');
    expect(html).toContain('ОПЕРАТОРОВА АЙЖАН');
    expect(html).not.toContain('id="request-sign-form"');
    const head = await f.logIn(f.staff.archiveHead);
    const backOffice = await f.app.request(`/back-office/applications/${applicationId}?lang=ru`, {
      headers: { accept: 'text/html', cookie: head.cookie },
    });
    expect(backOffice.status).toBe(200);
    const boHtml = await backOffice.text();
    expect(boHtml).toContain('Электронный запрос подписан ЭЦП');
    expect(boHtml).toMatch(/id="signed-request">ОПЕРАТОРОВА АЙЖАН/);
  });
});
