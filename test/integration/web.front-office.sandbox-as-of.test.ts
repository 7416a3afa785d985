// The front office's intake "as of" a past day in a sandbox installation (docs/sandbox.md,
// issue 14 point 5: the as-of date is chosen on the portal, at the front office and in the
// API): the chooser lists the services in force that day, remembers the day, and the
// application taken is made under that day's version on its own shifted clock. Outside a
// sandbox none of it is offered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { createFrontOfficeFixture } from '../support/front-office-web.js';
import { testBackend } from '../support/database.js';

const fixtures = simulatorFixtures(createSimulatorData());
// Kostanay's extern permission (kostanay.extern-permission.2018-12-21) was repealed in 2020.
const choice = 'extern-permission|kst-akimat-kostanay';
const asOf = '2019-10-14';
/** Thursday 3 December 2026, 10:00 in Kostanay: the real clock. */
const realStart = '2026-12-03T05:00:00Z';

describe(`the front office takes a sandbox application "as of" a past day on ${testBackend}`, () => {
  let sandbox: Awaited<ReturnType<typeof createFrontOfficeFixture>>;
  let ordinary: Awaited<ReturnType<typeof createFrontOfficeFixture>>;

  beforeAll(async () => {
    sandbox = await createFrontOfficeFixture({ start: realStart, sandbox: true });
    ordinary = await createFrontOfficeFixture({ start: realStart });
  });
  afterAll(async () => {
    await sandbox?.database.close();
    await ordinary?.database.close();
  });

  const applications = (fixture: typeof sandbox) =>
    fixture.database.db
      .selectFrom('application')
      .select(['id', 'number', 'regulation_id', 'clock_offset_ms', 'submitted_at', 'channel'])
      .execute();

  it('lists the services in force on the chosen day and remembers it', async () => {
    const { get, staff } = sandbox;
    const today = await get('/front-office/applications/new', staff.operator);
    expect(today.status).toBe(200);
    const todayHtml = await today.text();
    expect(todayHtml).toContain('name="asOf"');
    expect(todayHtml).toContain('data-sandbox="true"');
    expect(todayHtml).not.toContain(`value="${choice}"`);

    const chosen = await get(`/front-office/applications/new?asOf=${asOf}`, staff.operator, 'kk');
    expect(chosen.status).toBe(200);
    expect(chosen.headers.get('set-cookie')).toContain(`qyzmet_as_of=${asOf}`);
    const html = await chosen.text();
    expect(html).toContain(`value="${choice}"`);
    expect(html).toContain(`value="${asOf}"`);
    expect(html).toContain('Қай күнгі жағдай бойынша');
    // A future day is ignored: today's services.
    const future = await get('/front-office/applications/new?asOf=2027-01-05', staff.operator);
    expect(await future.text()).not.toContain(`value="${choice}"`);
  });

  it('takes the application under that day’s version, on its own clock', async () => {
    const { post, staff } = sandbox;
    const operator = {
      ...staff.operator,
      cookie: `${staff.operator.cookie}; qyzmet_as_of=${asOf}`,
    };
    const form = {
      action: 'accept',
      choice,
      applicantIin: fixtures.person.iin,
      'check-standard-point-9-documents': 'present',
      consentGiven: 'yes',
      requestSigned: 'yes',
    };
    // Without the day, the repealed regulation is not accepted here and nothing is created.
    const posted = await post('/front-office/applications/new', staff.operator, form);
    const refused = await sandbox.followRefusal(
      posted,
      '/front-office/applications/new',
      staff.operator,
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('class="error-summary"');
    expect(await applications(sandbox)).toEqual([]);

    const taken = await post('/front-office/applications/new', operator, form);
    expect(taken.status).toBe(303);
    const [application] = await applications(sandbox);
    expect(taken.headers.get('location')).toContain(
      `/front-office/applications/${application!.id}`,
    );
    expect(application).toMatchObject({
      regulation_id: 'kostanay.extern-permission.2018-12-21',
      channel: 'front_office',
    });
    expect(application!.number.startsWith('2019-')).toBe(true);
    const offset = Number(application!.clock_offset_ms);
    // The real local time of day carried to the as-of day, whose offset was UTC+6 (until 2024).
    const localTime = new Date(Date.parse(realStart) + 5 * 3_600_000).toISOString().slice(11, 19);
    expect(offset).toBe(Date.parse(`${asOf}T${localTime}+06:00`) - Date.parse(realStart));
    expect(application!.submitted_at.toISOString().slice(0, 10)).toBe(asOf);

    const page = await sandbox.get(`/front-office/applications/${application!.id}`, operator);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('data-sandbox="true"');
    expect(pageHtml).toContain(application!.number);
  });

  it('offers none of it outside a sandbox', async () => {
    const { get, post, staff } = ordinary;
    const page = await get(`/front-office/applications/new?asOf=${asOf}`, staff.operator);
    const html = await page.text();
    expect(html).not.toContain('name="asOf"');
    expect(html).not.toContain(`value="${choice}"`);
    expect(page.headers.get('set-cookie') ?? '').not.toContain('qyzmet_as_of');
    const operator = {
      ...staff.operator,
      cookie: `${staff.operator.cookie}; qyzmet_as_of=${asOf}`,
    };
    const posted = await post('/front-office/applications/new', operator, {
      action: 'accept',
      choice,
      applicantIin: fixtures.person.iin,
      'check-standard-point-9-documents': 'present',
      consentGiven: 'yes',
      requestSigned: 'yes',
    });
    const refused = await ordinary.followRefusal(
      posted,
      '/front-office/applications/new',
      operator,
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('class="error-summary"');
    expect(await applications(ordinary)).toEqual([]);
  });
});
