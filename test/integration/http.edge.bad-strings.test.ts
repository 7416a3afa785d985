import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFixture, type ApiFixture } from '../support/api.js';

/**
 * Issue 16, defect 2: NUL characters, lone surrogates and invalid UTF-8 anywhere in a request
 * (query, path, JSON strings, form fields), a non-uuid appealId and a multipart body without
 * its closing boundary were answered 500. The edge now refuses them with a localised 400
 * (422 for the schema), and nothing changes.
 */
describe('the HTTP edge refuses bad strings', () => {
  let api: ApiFixture;
  let applicationId: string;

  beforeAll(async () => {
    api = await createApiFixture('2026-03-02T09:00:00+05:00');
    const submitted = await api.call('POST', '/api/v1/applications', {
      token: api.staff.registry.token,
      headers: { 'idempotency-key': api.nextKey() },
      body: {
        serviceCode: 'duplicates',
        channel: 'provider_office',
        applicantIin: '900101300007',
        providerOrganisationId: 'kst-school-1',
        fields: {
          'applicant-iin': '900101300007',
          'document-status': 'lost',
          'name-changed': 'no',
          'result-front-office': 'kst-front-office',
        },
      },
    });
    expect(submitted.status).toBe(201);
    applicationId = ((await submitted.json()) as { applicationId: string }).applicationId;
  });
  afterAll(async () => {
    await api?.database.close();
  });

  const counts = async () => {
    const { rows } = await sql<{ events: number; applications: number; audit: number }>`
      select (select count(*) from application_event)::int as events,
             (select count(*) from application)::int as applications,
             (select count(*) from audit_event)::int as audit`.execute(api.database.db);
    return rows[0]!;
  };

  async function expectBadRequest(response: Response, locale: 'en' | 'ru' | 'kk' = 'en') {
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; details: { issues: Array<{ rule: string }> } };
    };
    expect(body.error.code).toBe('bad_request');
    const expected = {
      en: /not valid/,
      ru: /Неверный запрос/,
      kk: /Сұрау дұрыс емес/,
    }[locale];
    expect(body.error.message).toMatch(expected);
    return body.error.details.issues;
  }

  it('a NUL in a query value: ?organisation=%00 (ru)', async () => {
    const response = await api.app.request('/api/v1/applications?organisation=%00', {
      headers: { authorization: `Bearer ${api.staff.registry.token}`, 'accept-language': 'ru' },
    });
    const issues = await expectBadRequest(response, 'ru');
    expect(issues).toContainEqual({ path: 'query.organisation', rule: 'forbidden_character' });
  });

  it('invalid UTF-8 in the query and a NUL in a path parameter', async () => {
    await expectBadRequest(
      await api.call('GET', '/api/v1/applications?organisation=%FF', {
        token: api.staff.registry.token,
      }),
    );
    await expectBadRequest(
      await api.call('GET', '/api/v1/applications/abc%00def', { token: api.staff.registry.token }),
    );
  });

  it('a NUL and a lone surrogate in the IIN of /api/auth/* (kk)', async () => {
    for (const iin of ['90010130000\u0000', '\ud800900101300007']) {
      const response = await api.call('POST', '/api/auth/login', {
        body: { iin, password: 'whatever-1' },
        headers: { 'accept-language': 'kk' },
      });
      await expectBadRequest(response, 'kk');
    }
    await expectBadRequest(
      await api.call('POST', '/api/auth/register', {
        body: { iin: '900101300007', password: 'pass\u0000word-1', phone: '+77010000000' },
      }),
    );
  });

  it('a NUL in submit fields and in the suspend reason changes nothing', async () => {
    const before = await counts();
    const submit = await api.call('POST', '/api/v1/applications', {
      token: api.staff.registry.token,
      headers: { 'idempotency-key': api.nextKey() },
      body: {
        serviceCode: 'duplicates',
        channel: 'provider_office',
        applicantIin: '900101300007',
        providerOrganisationId: 'kst-school-1',
        fields: { 'applicant-iin': '900101300007', note: 'a\u0000b' },
      },
    });
    expect((await expectBadRequest(submit))[0]).toMatchObject({ rule: 'forbidden_character' });
    const suspend = await api.command(api.staff.registry.token, applicationId, {
      kind: 'suspend',
      reason: 'waiting \udc00 for papers',
    });
    await expectBadRequest(suspend);
    // A key with a NUL is refused as well.
    await expectBadRequest(
      await api.command(api.staff.registry.token, applicationId, {
        kind: 'suspend',
        ['reason\u0000']: 'x',
      }),
    );
    expect(await counts()).toEqual(before);
  });

  it('invalid UTF-8 bytes in a JSON body', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"iin":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('","password":"x"}'),
    ]);
    const response = await api.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: bytes,
    });
    expect(await expectBadRequest(response)).toContainEqual({
      path: 'body',
      rule: 'invalid_encoding',
    });
  });

  it('a non-uuid appealId in decide_appeal is a 422 from the schema', async () => {
    const before = await counts();
    const response = await api.command(api.staff.head.token, applicationId, {
      kind: 'decide_appeal',
      appealId: "1' or '1'='1",
      decision: 'rejected',
      answer: 'The complaint is not founded on the facts.',
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { code: string; details: { issues: Array<{ path: string }> } };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues.map((issue) => issue.path)).toContain('body.appealId');
    expect(await counts()).toEqual(before);
  });

  it('a multipart body without its closing boundary on POST /login is a localised 400 page', async () => {
    const boundary = '----qyzmet-fuzz';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="iin"\r\n\r\n900101300007\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\nsecret`;
    const response = await api.app.request('/login', {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        accept: 'text/html',
        cookie: `qyzmet_csrf=${'a'.repeat(43)}`,
        'x-csrf-token': 'a'.repeat(43),
        'accept-language': 'ru',
      },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/Неверный запрос/);
  });

  it('a NUL in a portal form field (urlencoded) is a 400 page, not a 500', async () => {
    const response = await api.app.request('/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        cookie: `qyzmet_csrf=${'a'.repeat(43)}`,
        'accept-language': 'en',
      },
      body: `_csrf=${'a'.repeat(43)}&iin=%00900101300007&password=x`,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/not valid/);
  });
});
