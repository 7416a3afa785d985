import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { intakeChecklist } from '../../src/features/front-office/intake-catalog.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { createOrganisation, regulationCatalog } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { createFrontOfficeFixture } from '../support/front-office-web.js';
import { withSetCookies } from '../support/refused-form.js';

/**
 * Post/redirect/get at the front office (issue 18, point 11): the intake refused after the
 * applicant was identified answers 303 to the form, whose GET shows the same step with the
 * errors beside their fields and what was typed; a reload shows the empty form and submits
 * nothing; the corrected form is taken once, one submission in the audit. The public
 * home-visit form goes the same way.
 */
const person = simulatorFixtures(createSimulatorData()).person;
const regulation = regulationCatalog().getById('national.duplicates.2020-01-01');
const intake = '/front-office/applications/new';

describe(`the front office: a refused form redirects to its page, which shows it once, on ${testBackend}`, () => {
  let fixture: Awaited<ReturnType<typeof createFrontOfficeFixture>>;

  beforeAll(async () => {
    fixture = await createFrontOfficeFixture();
    // The national duplicates at a Kostanay school, through kst-fo-1 (as in the registry test).
    fixture.clock.set('2020-03-02T05:00:00Z');
    await createOrganisation(fixture.database, {
      id: 'kst-school-1',
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
  });
  afterAll(async () => {
    await fixture?.database.close();
  });

  const fields = () =>
    Object.fromEntries(
      Object.entries({ ...demoFields(regulation, 'kst-fo-1'), 'applicant-iin': person.iin }).map(
        ([id, value]) => [`field-${id}`, value],
      ),
    );
  const complete = (formKey: string) => ({
    action: 'accept',
    formKey,
    choice: 'duplicates|kst-school-1',
    applicantIin: person.iin,
    ...fields(),
    ...Object.fromEntries(
      intakeChecklist(regulation).map((document) => [`check-${document.id}`, 'present']),
    ),
    consentGiven: 'yes',
    requestSigned: 'yes',
  });
  const submissions = async () =>
    (await listAuditEvents(fixture.database.db, { action: 'application.submitted' })).length;

  it('the intake: 303 to the form; its GET shows the accept step with the errors and the values in kk, once', async () => {
    const { post, get, staff, followRefusal } = fixture;
    const withoutConsent: Record<string, string> = complete('prg-intake-0001');
    delete withoutConsent.consentGiven;
    const posted = await post(intake, staff.operator, withoutConsent, { locale: 'kk' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(intake);
    expect(posted.headers.get('location')).not.toContain(person.iin);
    expect(posted.headers.getSetCookie().join('\n')).not.toContain(person.iin);

    const shown = await followRefusal(posted, intake, staff.operator, 'kk');
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#consentGiven"');
    expect(html).toContain('id="consentGiven-error"');
    // The step after identification, the applicant named, the typed values and the form key kept.
    expect(html).toContain('id="applicant-name"');
    expect(html).toContain(`value="${person.iin}"`);
    expect(html).toContain('value="prg-intake-0001"');
    expect(await submissions()).toBe(0);

    // A reload (or the back button) shows the empty form and sends nothing.
    const again = await get(intake, staff.operator, 'kk');
    expect(again.status).toBe(200);
    const againHtml = await again.text();
    expect(againHtml).not.toContain('class="error-summary"');
    expect(againHtml).not.toContain(`value="${person.iin}"`);
    expect(await fixture.database.db.selectFrom('form_flash').selectAll().execute()).toEqual([]);
    expect(await fixture.database.db.selectFrom('application').selectAll().execute()).toEqual([]);

    // Corrected and sent again: taken once, one submission audited.
    const accepted = await post(intake, staff.operator, complete('prg-intake-0001'));
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toMatch(
      /^\/front-office\/applications\/[0-9a-f-]{36}\?taken=accepted$/,
    );
    const reloaded = await get(accepted.headers.get('location')!, staff.operator);
    expect(reloaded.status).toBe(200);
    expect(await fixture.database.db.selectFrom('application').selectAll().execute()).toHaveLength(
      1,
    );
    expect(await submissions()).toBe(1);
  });

  it('a refusal before identification goes back to the first step, in ru', async () => {
    const { post, staff, followRefusal } = fixture;
    const posted = await post(intake, staff.operator, {
      action: 'identify',
      choice: 'duplicates|kst-school-1',
      applicantIin: '12345',
    });
    const shown = await followRefusal(posted, intake, staff.operator);
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('Введите ИИН из 12 цифр');
    expect(html).toContain('href="#applicantIin"');
    expect(html).toContain('value="12345"');
    expect(html).not.toContain('id="applicant-name"');
  });

  it('the public home-visit form: 303 to /home-visit, whose GET shows the errors once; another browser sees nothing', async () => {
    const { post, get, followRefusal } = fixture;
    const before = await listAuditEvents(fixture.database.db, { action: 'home_visit.requested' });
    const posted = await post('/home-visit', undefined, { fullName: 'Иванов Иван', phone: '12' });
    const shown = await followRefusal(posted, '/home-visit');
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('href="#phone"');
    expect(html).toContain('value="Иванов Иван"');
    const cookie = withSetCookies(
      `qyzmet_csrf=${'c'.repeat(43)}; qyzmet_lang=ru`,
      await post('/home-visit', undefined, { fullName: 'Петров Пётр' }),
    );
    const stranger = await fixture.app.request('/home-visit', {
      headers: { accept: 'text/html', cookie: `qyzmet_csrf=${'d'.repeat(43)}; qyzmet_form=1` },
    });
    expect(stranger.status).toBe(200);
    expect(await stranger.text()).not.toContain('Петров Пётр');
    const mine = await fixture.app.request('/home-visit', {
      headers: { accept: 'text/html', cookie },
    });
    expect(mine.status).toBe(422);
    expect(await mine.text()).toContain('value="Петров Пётр"');
    expect((await get('/home-visit')).status).toBe(200);
    expect(await listAuditEvents(fixture.database.db, { action: 'home_visit.requested' })).toEqual(
      before,
    );
  });
});
