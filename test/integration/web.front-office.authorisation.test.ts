import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierRegister } from '../../src/features/front-office/courier-registers.js';
import { takeApplication } from '../../src/features/front-office/take-application.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { createFrontOfficeFixture } from '../support/front-office-web.js';
import { testBackend } from '../support/database.js';

const fixtures = simulatorFixtures(createSimulatorData());

describe(`one front office cannot see or act on another's work on ${testBackend}`, () => {
  let fixture: Awaited<ReturnType<typeof createFrontOfficeFixture>>;
  let applicationId = '';
  let number = '';
  let registerId = '';
  let registerDocumentId = '';

  beforeAll(async () => {
    fixture = await createFrontOfficeFixture();
    const taken = await takeApplication(fixture.context, fixture.staff.operator, {
      formKey: 'auth-test-0001',
      serviceCode: 'extern-permission',
      providerOrganisationId: 'kst-akimat-kostanay',
      applicantIin: fixtures.person.iin,
      checks: { 'standard-point-9-documents': 'present' },
      consentGiven: true,
      requestSigned: true,
    });
    if (taken.kind !== 'accepted') throw new Error(`not accepted: ${taken.kind}`);
    applicationId = taken.applicationId;
    number = taken.number;
    const register = await createCourierRegister(fixture.context, fixture.staff.courier, {
      providerOrganisationId: 'kst-akimat-kostanay',
      direction: 'to_provider',
    });
    registerId = register.id;
    registerDocumentId = register.documentId!;
  });
  afterAll(async () => {
    await fixture?.database.close();
  });

  it('shows the application, register and register PDF to the front office that holds them', async () => {
    const { get, staff } = fixture;
    const page = await get(`/front-office/applications/${applicationId}`, staff.operator);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(number);
    expect((await get(`/front-office/registers/${registerId}`, staff.courier)).status).toBe(200);
    const pdf = await get(`/documents/${registerDocumentId}.pdf`, staff.operator);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // …and the register to the provider's registry office, who acknowledges it.
    expect((await get(`/documents/${registerDocumentId}.pdf`, staff.registry)).status).toBe(200);
    expect(
      (await get(`/front-office/registers/${registerId}/acknowledge`, staff.registry)).status,
    ).toBe(200);
  });

  // Issue 18, point 11: a finished application (here refused at intake: the package
  // incomplete) has no deadline to keep — its page names its status and no "no deadline" tag.
  it('shows an application refused at intake without a "no deadline" tag, in kk, ru and en', async () => {
    const { get, staff } = fixture;
    const taken = await takeApplication(fixture.context, staff.operator, {
      formKey: 'auth-test-0002',
      serviceCode: 'extern-permission',
      providerOrganisationId: 'kst-akimat-kostanay',
      applicantIin: fixtures.person.iin,
      checks: { 'standard-point-9-documents': 'missing' },
      consentGiven: true,
      requestSigned: true,
    });
    expect(taken.kind).toBe('refused_at_intake');
    if (taken.kind !== 'refused_at_intake') return;
    for (const [locale, noDue] of [
      ['kk', 'Мерзімсіз'],
      ['ru', 'Без срока'],
      ['en', 'No due'],
    ] as const) {
      const page = await get(
        `/front-office/applications/${taken.applicationId}`,
        staff.operator,
        locale,
      );
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('id="total-due"');
      expect(html, locale).not.toContain(noDue);
      expect(html).not.toContain('data-indicator="none"');
    }
  });

  it('answers 404 to another front office on pages, documents and the API, and changes nothing', async () => {
    const { get, post, staff, app, database } = fixture;
    const other = staff.otherOperator;
    const before = await database.db
      .selectFrom('application_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('application_id', '=', applicationId)
      .executeTakeFirstOrThrow();
    expect((await get(`/front-office/applications/${applicationId}`, other)).status).toBe(404);
    expect(
      (
        await post(`/front-office/applications/${applicationId}/issue`, other, {
          documentType: 'identity_card',
          documentNumber: '012345678',
          version: '5',
        })
      ).status,
    ).toBe(404);
    expect((await get(`/front-office/registers/${registerId}`, other)).status).toBe(404);
    expect(
      (await post(`/front-office/registers/${registerId}/acknowledge`, other, {})).status,
    ).toBe(404);
    expect((await get(`/documents/${registerDocumentId}.pdf`, other)).status).toBe(404);
    const dashboard = await get('/front-office', other);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).not.toContain(number);
    const registers = await get('/front-office/registers', other);
    expect(await registers.text()).not.toContain(registerId);
    const api = await app.request(`/api/v1/applications/${applicationId}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(api.status).toBe(404);
    const act = await app.request(`/api/v1/applications/${applicationId}/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'complete_step',
        stepId: 'register',
        idempotencyKey: 'other-front-office-1',
      }),
    });
    expect(act.status).toBe(404);
    const after = await database.db
      .selectFrom('application_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('application_id', '=', applicationId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const register = await database.db
      .selectFrom('courier_register')
      .select('acknowledged_at')
      .where('id', '=', registerId)
      .executeTakeFirstOrThrow();
    expect(register.acknowledged_at).toBeNull();
  });

  it('refuses the courier the operator’s intake and the provider the front office’s pages', async () => {
    const { get, staff } = fixture;
    expect((await get('/front-office/applications/new', staff.courier)).status).toBe(403);
    expect((await get('/front-office', staff.registry)).status).toBe(403);
    const anonymous = await get('/front-office');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/staff\/login\?next=/);
  });

  it('refuses forms without the anti-forgery token and records nothing', async () => {
    const { post, staff, database } = fixture;
    const count = async (table: 'application' | 'home_visit_request') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [applications, visits] = [await count('application'), await count('home_visit_request')];
    const intake = await post(
      '/front-office/applications/new',
      staff.operator,
      {
        action: 'accept',
        choice: 'extern-permission|kst-akimat-kostanay',
        applicantIin: fixtures.person.iin,
        'check-standard-point-9-documents': 'present',
        consentGiven: 'yes',
        requestSigned: 'yes',
      },
      { withCsrf: false },
    );
    expect(intake.status).toBe(403);
    expect(await intake.text()).toContain('Форма устарела');
    const visit = await post(
      '/home-visit',
      undefined,
      {
        frontOfficeId: 'kst-fo-1',
        serviceCode: 'extern-permission',
        fullName: 'Иванов Иван',
        phone: '+77015551234',
        address: 'Костанай, ул. Абая, 1',
        reason: 'Не может ходить',
      },
      { withCsrf: false },
    );
    expect(visit.status).toBe(403);
    const acknowledge = await post(
      `/front-office/registers/${registerId}/acknowledge`,
      staff.registry,
      {},
      { withCsrf: false },
    );
    expect(acknowledge.status).toBe(403);
    expect(await count('application')).toBe(applications);
    expect(await count('home_visit_request')).toBe(visits);
  });
});
