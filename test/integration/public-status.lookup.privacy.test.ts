import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { Sex } from '../../src/domain/identity/iin.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { statusCheckCodeOf } from '../../src/features/public-status/status-check-code.js';
import { PublicStatus } from '../../src/http/api/v1/schemas.js';
import { createOrganisation, createStaff, regulationCatalog } from '../support/applications.js';
import { createApiFixture, type ApiFixture } from '../support/api.js';
import { testBackend } from '../support/database.js';

/*
 * Issue 16, defect 9: application numbers are sequential and the public lookup showed the
 * service and the step to anyone with a number — so anyone could enumerate who applied for
 * certificates for the unemployed or support for disabled children. The lookup now needs the
 * check code from the receipt (or the applicant's IIN), never names a sensitive service, and
 * stays rate-limited.
 */
describe(`the public status needs the check code and hides sensitive services, on ${testBackend}`, () => {
  let f: ApiFixture;
  let duplicate: { applicationId: string; number: string };
  let other: { applicationId: string; number: string };
  let unemployed: { applicationId: string; number: string };
  const applicantIin = '900101300007';
  const otherIin = generateIin('1985-06-15', Sex.male, 4001);
  const unemployedRegulation = regulationCatalog().getById(
    'south-kazakhstan.unemployed-certificate.2012-12-26',
  );

  beforeAll(async () => {
    f = await createApiFixture('2019-04-01T04:00:00Z');
    duplicate = await f.submit(applicantIin);
    other = await f.submit(otherIin);
    // Certificates for the unemployed (South Kazakhstan, 2013): marked sensitive in services.yaml.
    f.clock.set('2013-03-04T04:00:00Z');
    await createOrganisation(f.database, {
      id: 'sk-employment-1',
      kind: 'employment_department',
      regionCode: 'south-kazakhstan',
      timeZone: 'Asia/Almaty',
    });
    const registry = await createStaff(f.database, 'sk-employment-1', 'south-kazakhstan', [
      'registry_office',
    ]);
    const { token } = await createApiToken(
      f.database.db,
      { kind: 'system', id: 'test' },
      {
        name: 'employment registry',
        organisationId: 'sk-employment-1',
        roles: ['registry_office'],
        staffAccountId: registry.staffId,
      },
      f.clock.now(),
    );
    const submitted = await f.call('POST', '/api/v1/applications', {
      token,
      headers: { 'idempotency-key': 'unemployed-0001' },
      body: {
        serviceCode: 'unemployed-certificate',
        channel: 'provider_office',
        applicantIin,
        providerOrganisationId: 'sk-employment-1',
        fields: { ...demoFields(unemployedRegulation), 'applicant-iin': applicantIin },
      },
    });
    expect(submitted.status).toBe(201);
    unemployed = (await submitted.json()) as { applicationId: string; number: string };
    f.clock.set('2019-04-01T04:30:00Z');
  });
  afterAll(async () => {
    await f?.database.close();
  });

  const status = (number: string, code?: string) =>
    f.call(
      'GET',
      `/api/v1/public/status/${number}${code === undefined ? '' : `?code=${encodeURIComponent(code)}`}`,
    );

  it('a number alone opens nothing; a wrong or another application’s code is 404', async () => {
    const alone = await status(duplicate.number);
    expect(alone.status).toBe(422);
    expect(await alone.json()).toMatchObject({
      error: { code: 'validation_failed', details: { issues: [{ path: 'query.code' }] } },
    });
    expect((await status(duplicate.number, 'ABCD-EFGH')).status).toBe(404);
    expect((await status(duplicate.number, statusCheckCodeOf(other.applicationId))).status).toBe(
      404,
    );
    expect((await status(duplicate.number, otherIin)).status).toBe(404);
    // The next number, probed with a code: the same 404 as a wrong code (no oracle).
    const unknown = await status('2019-9999999', statusCheckCodeOf(duplicate.applicationId));
    expect(unknown.status).toBe(404);
    const web = await f.app.request(`/status?number=${duplicate.number}`, {
      headers: { accept: 'text/html', 'accept-language': 'ru' },
    });
    expect(web.status).toBe(422);
    expect(await web.text()).toContain('Введите код статуса или ИИН.');
  });

  it('the check code (any case, with or without the dash) or the applicant’s IIN opens it', async () => {
    const code = statusCheckCodeOf(duplicate.applicationId);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    for (const proof of [code, code.toLowerCase().replace('-', ''), applicantIin]) {
      const response = await status(duplicate.number, proof);
      expect(response.status).toBe(200);
      expect(PublicStatus.parse(await response.json())).toMatchObject({
        number: duplicate.number,
        serviceCode: 'duplicates',
        step: { description: { ru: expect.any(String) } },
      });
    }
    const web = await f.app.request(`/status?number=${duplicate.number}&code=${code}`, {
      headers: { accept: 'text/html', 'accept-language': 'ru' },
    });
    expect(web.status).toBe(200);
    expect(await web.text()).toContain('Выдача дубликатов документов');
  });

  it('a sensitive service is never named, nor its step, on the API or the page', async () => {
    const code = statusCheckCodeOf(unemployed.applicationId);
    const response = await status(unemployed.number, code);
    expect(response.status).toBe(200);
    const body = PublicStatus.parse(await response.json());
    expect(body).toMatchObject({ number: unemployed.number, serviceCode: null, serviceName: null });
    expect(body.step?.description).toBeNull();
    expect(body.statusLabel.ru).toEqual(expect.any(String));
    const page = await f.app.request(`/status?number=${unemployed.number}&code=${code}`, {
      headers: { accept: 'text/html', 'accept-language': 'ru' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(unemployed.number);
    expect(html).not.toContain(unemployedRegulation.name.ru);
    expect(html).not.toContain('безработн');
    for (const step of unemployedRegulation.channels.flatMap((flow) => flow.steps)) {
      expect(html).not.toContain(step.description.ru);
    }
  });

  it('dates the submission by the day in Kazakhstan, not in UTC', async () => {
    // 01:30 on 2 April 2019 in Kostanay (UTC+6 then) is still 1 April in UTC.
    f.clock.set('2019-04-01T19:30:00Z');
    const late = await f.submit(generateIin('1990-02-02', Sex.female, 4002));
    const response = await status(late.number, statusCheckCodeOf(late.applicationId));
    expect(PublicStatus.parse(await response.json()).submittedOn).toBe('2019-04-02');
    f.clock.set('2019-04-01T04:30:00Z');
  });
});
