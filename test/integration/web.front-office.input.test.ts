import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { createFrontOfficeFixture } from '../support/front-office-web.js';
import { testBackend } from '../support/database.js';

const fixtures = simulatorFixtures(createSimulatorData());
const choice = 'extern-permission|kst-akimat-kostanay';

describe(`front-office forms refuse bad input, localised, and change nothing on ${testBackend}`, () => {
  let fixture: Awaited<ReturnType<typeof createFrontOfficeFixture>>;
  const count = async (table: 'application' | 'home_visit_request' | 'document') =>
    Number(
      (
        await fixture.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    fixture = await createFrontOfficeFixture();
  });
  afterAll(async () => {
    await fixture?.database.close();
  });

  const intake = '/front-office/applications/new';

  it('a bad IIN or a missing service: 303 to the form, which shows the errors in kk and ru, keeping what was typed', async () => {
    const { post, staff, followRefusal } = fixture;
    const posted = await post(intake, staff.operator, {
      action: 'identify',
      choice: '',
      applicantIin: '12345',
    });
    const ru = await followRefusal(posted, intake, staff.operator);
    expect(ru.status).toBe(422);
    const html = await ru.text();
    expect(html).toContain('Введите ИИН из 12 цифр');
    expect(html).toContain('Выберите из списка');
    expect(html).toContain('href="#applicantIin"');
    expect(html).toContain('value="12345"');
    const kkPosted = await post(
      intake,
      staff.operator,
      { action: 'identify', choice, applicantIin: 'abc' },
      { locale: 'kk' },
    );
    const kk = await followRefusal(kkPosted, intake, staff.operator, 'kk');
    expect(kk.status).toBe(422);
    expect(await kk.text()).toContain('12 цифрдан тұратын ЖСН енгізіңіз');
    expect(await count('application')).toBe(0);
  });

  it('an IIN the registry does not know: the prescribed «невозможно получить данные»', async () => {
    const { post, staff, followRefusal } = fixture;
    const posted = await post(intake, staff.operator, {
      action: 'accept',
      choice,
      applicantIin: fixtures.unknownIin,
      'check-standard-point-9-documents': 'present',
      consentGiven: 'yes',
      requestSigned: 'yes',
    });
    const response = await followRefusal(posted, intake, staff.operator);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Невозможно получить данные.');
    expect(await count('application')).toBe(0);
  });

  it('an expired power of attorney, or a representative without its number, is refused', async () => {
    const { post, staff, followRefusal } = fixture;
    const expired = fixtures.expiredPowerOfAttorney;
    const posted = await post(intake, staff.operator, {
      action: 'identify',
      choice,
      applicantIin: expired.principalIin,
      representativeIin: expired.representativeIin,
      powerOfAttorneyNumber: expired.number,
    });
    const response = await followRefusal(posted, intake, staff.operator);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Срок действия доверенности истёк.');
    const postedWithoutNumber = await post(intake, staff.operator, {
      action: 'identify',
      choice,
      applicantIin: expired.principalIin,
      representativeIin: expired.representativeIin,
    });
    const withoutNumber = await followRefusal(postedWithoutNumber, intake, staff.operator);
    expect(withoutNumber.status).toBe(422);
    expect(await withoutNumber.text()).toContain('href="#powerOfAttorneyNumber"');
    expect(await count('application')).toBe(0);
  });

  it('a complete package without the consent and the signature is not taken: the form shows the accept step again', async () => {
    const { post, staff, followRefusal } = fixture;
    const posted = await post(intake, staff.operator, {
      action: 'accept',
      choice,
      applicantIin: fixtures.person.iin,
      'check-standard-point-9-documents': 'present',
    });
    const response = await followRefusal(posted, intake, staff.operator);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Без согласия заявление не принимается');
    expect(html).toContain('Подпишите запрос');
    // The step after identification (the applicant identified again from the kept values), with
    // the errors beside its check boxes and the IIN kept.
    expect(html).toContain('id="applicant-name"');
    expect(html).toContain('id="consentGiven-error"');
    expect(html).toContain('id="requestSigned-error"');
    expect(html).toContain(`value="${fixtures.person.iin}"`);
    expect(await count('application')).toBe(0);
    expect(await count('document')).toBe(0);
  });

  it('the public home-visit form: every missing field named, a bad phone refused, then stored and audited', async () => {
    const { post, get, followRefusal } = fixture;
    expect((await get('/home-visit')).status).toBe(200);
    const empty = await followRefusal(await post('/home-visit', undefined, {}), '/home-visit');
    expect(empty.status).toBe(422);
    const html = await empty.text();
    for (const field of ['frontOfficeId', 'serviceCode', 'fullName', 'phone', 'address', 'reason'])
      expect(html).toContain(`href="#${field}"`);
    const form = {
      frontOfficeId: 'kst-fo-1',
      serviceCode: 'extern-permission',
      fullName: 'Иванов Иван Иванович',
      phone: '12',
      address: 'Костанай, ул. Абая, 1',
      reason: 'Не может передвигаться после операции',
    };
    const badPhone = await followRefusal(
      await post('/home-visit', undefined, form, { locale: 'kk' }),
      '/home-visit',
      undefined,
      'kk',
    );
    expect(badPhone.status).toBe(422);
    const badHtml = await badPhone.text();
    expect(badHtml).toContain('Телефон нөмірін +7XXXXXXXXXX түрінде енгізіңіз');
    expect(badHtml).toContain('value="Иванов Иван Иванович"');
    const unknownOffice = await followRefusal(
      await post('/home-visit', undefined, {
        ...form,
        phone: '+77015551234',
        frontOfficeId: 'nowhere',
      }),
      '/home-visit',
    );
    expect(unknownOffice.status).toBe(422);
    expect(await unknownOffice.text()).toContain('href="#frontOfficeId"');
    expect(await count('home_visit_request')).toBe(0);
    const sent = await post('/home-visit', undefined, { ...form, phone: '+7 701 555 12 34' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toMatch(/^\/home-visit\?sent=HV-2019-\d{6}$/);
    const rows = await fixture.database.db.selectFrom('home_visit_request').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      phone: '+77015551234',
      status: 'new',
      front_office_id: 'kst-fo-1',
    });
    const audit = await listAuditEvents(fixture.database.db, {
      subjectType: 'home_visit_request',
      subjectId: rows[0]!.id,
    });
    expect(audit.at(-1)).toMatchObject({ action: 'home_visit.requested' });
    // The operator of another front office does not see it; the right one does.
    expect(
      await (await get('/front-office/home-visits', fixture.staff.otherOperator)).text(),
    ).not.toContain(rows[0]!.number);
    expect(await (await get('/front-office/home-visits', fixture.staff.operator)).text()).toContain(
      rows[0]!.number,
    );
    // The service asked for is named in the page's language, never by its code (issue 18, point 8).
    for (const [locale, name] of [
      ['kk', 'Негізгі орта, жалпы орта білім беру ұйымдарында экстернат нысанында оқытуға'],
      ['ru', 'Выдача разрешения на обучение в форме экстерната'],
      ['en', 'Permission to study as an external student'],
    ] as const) {
      const visits = await (
        await get('/front-office/home-visits', fixture.staff.operator, locale)
      ).text();
      const section = visits.slice(visits.indexOf(`data-number="${rows[0]!.number}"`));
      expect(section, locale).toMatch(new RegExp(`<dd>${name}[^<]*</dd>`));
      expect(section, locale).not.toContain('extern-permission');
    }
  });
});
