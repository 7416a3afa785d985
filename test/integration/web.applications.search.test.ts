import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { findApplicationsTexts } from '../../src/features/applications/find-applications.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { searchTexts } from '../../src/http/web/application-search.js';
import { composeApp } from '../../src/cli/compose.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { setStaffPasswordIfUnset } from '../../src/storage/demo.repository.js';
import { findStaffAccount } from '../../src/storage/staff-account.repository.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { cabinetWorld, createCabinetWorld, type CabinetStaff } from '../support/cabinet.js';
import { createTestDatabase, testBackend } from '../support/database.js';

type Staff = Principal & { kind: 'staff' };
const password = 'qyzmet2024';
const applicant = '850412412016';
const otherApplicant = cabinetWorld.applicant.iin;

/**
 * Issue 18, point 7: search by application number and by applicant IIN at the front office and
 * in the back office — only the staff member's own organisation's applications, bounded and
 * validated input with localised errors (never a 500), every search audited.
 */
describe(`search by number and applicant IIN at both offices on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2026-03-17T05:00:00Z');
  let services: ReturnType<typeof applicationServices>;
  let app: ReturnType<typeof composeApp>;
  let staff: CabinetStaff;
  let foreignHead: Staff;
  let foreignOperator: Staff;
  const cookies: Record<string, string> = {};
  const found: Record<'own' | 'ownOther' | 'foreign', { id: string; number: string }> = {
    own: { id: '', number: '' },
    ownOther: { id: '', number: '' },
    foreign: { id: '', number: '' },
  };

  const submit = async (
    key: string,
    applicantIin: string,
    providerOrganisationId: string,
    frontOfficeId: string,
  ) => {
    const regulation = services.regulations.findInForce(
      'duplicates',
      cabinetWorld.region,
      '2026-03-17',
    )!;
    const submitted = await submitApplication(
      services,
      { kind: 'citizen', iin: applicantIin },
      {
        idempotencyKey: key,
        serviceCode: 'duplicates',
        channel: 'portal',
        applicantIin,
        providerOrganisationId,
        frontOfficeId,
        fields: demoFields(regulation, frontOfficeId),
      },
    );
    return { id: submitted.applicationId, number: submitted.number };
  };
  const logIn = async (who: Staff) => {
    const first = await app.request('/staff/login');
    const csrf = /qyzmet_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')![1]!;
    const account = await findStaffAccount(database.db, who.staffId);
    const response = await app.request('/staff/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `qyzmet_csrf=${csrf}`,
      },
      body: new URLSearchParams({ iin: account!.iin, password, _csrf: csrf }).toString(),
    });
    const session = /qyzmet_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
    return `qyzmet_csrf=${csrf}; qyzmet_session=${session}`;
  };
  const search = async (who: string, path: string, text: string, locale = 'ru') =>
    app.request(`${path}?q=${encodeURIComponent(text)}&lang=${locale}`, {
      headers: { cookie: cookies[who]! },
    });
  const numbersIn = (html: string) =>
    [...html.matchAll(/<tr data-application="[^"]+" data-number="([^"]+)"/g)].map(
      (match) => match[1],
    );
  const findAudits = async () =>
    (
      await database.db
        .selectFrom('audit_event')
        .select(['actor_id', 'details'])
        .where('action', '=', 'application.read')
        .orderBy('id')
        .execute()
    ).filter((row) => (row.details as { query?: string }).query === 'find');

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms: new InMemorySmsOutbox(),
      applications: services,
    });
    ({ staff } = await createCabinetWorld(database, clock.now()));
    await createOrganisation(database, {
      id: 'sko-search-other-school',
      kind: 'school',
      regionCode: cabinetWorld.region,
    });
    await createOrganisation(database, {
      id: 'sko-search-other-front-office',
      kind: 'front_office',
      regionCode: cabinetWorld.region,
    });
    foreignHead = await createStaff(database, 'sko-search-other-school', cabinetWorld.region, [
      'head',
    ]);
    foreignOperator = await createStaff(
      database,
      'sko-search-other-front-office',
      cabinetWorld.region,
      ['front_office_operator'],
    );
    const hash = await hashPassword(password);
    const members = {
      head: staff.head.principal,
      executor: staff.executor.principal,
      operator: staff.operator.principal,
      foreignHead,
      foreignOperator,
    };
    for (const member of Object.values(members))
      await setStaffPasswordIfUnset(database.db, member.staffId, hash, clock.now());
    found.own = await submit(
      'search-own',
      applicant,
      cabinetWorld.school,
      cabinetWorld.frontOffice,
    );
    found.ownOther = await submit(
      'search-own-other',
      otherApplicant,
      cabinetWorld.school,
      cabinetWorld.frontOffice,
    );
    // The same applicant at another school through another front office.
    found.foreign = await submit(
      'search-foreign',
      applicant,
      'sko-search-other-school',
      'sko-search-other-front-office',
    );
    for (const [name, member] of Object.entries(members)) cookies[name] = await logIn(member);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });

  it('finds an application by number and by the applicant’s IIN in the back office — its own only', async () => {
    const byNumber = await search('executor', '/back-office/search', found.own.number);
    expect(byNumber.status).toBe(200);
    const html = await byNumber.text();
    expect(numbersIn(html)).toEqual([found.own.number]);
    expect(html).toContain(`href="/back-office/applications/${found.own.id}"`);

    const byIin = await search('head', '/back-office/search', applicant);
    expect(numbersIn(await byIin.text())).toEqual([found.own.number]);
    // Spaces typed around and inside are ignored.
    const spaced = await search('head', '/back-office/search', ` ${found.ownOther.number} `);
    expect(numbersIn(await spaced.text())).toEqual([found.ownOther.number]);

    // Another school's application: not found by its number, nor by the applicant.
    const foreign = await search('head', '/back-office/search', found.foreign.number);
    expect(foreign.status).toBe(200);
    const foreignHtml = await foreign.text();
    expect(numbersIn(foreignHtml)).toEqual([]);
    expect(foreignHtml).toContain(searchTexts.none.ru);
    expect(foreignHtml).not.toContain(found.foreign.id);
    const theirs = await search('foreignHead', '/back-office/search', applicant);
    expect(numbersIn(await theirs.text())).toEqual([found.foreign.number]);
  });

  it('finds the applications accepted at the front office — its own only', async () => {
    const byNumber = await search('operator', '/front-office/search', found.own.number);
    expect(byNumber.status).toBe(200);
    const html = await byNumber.text();
    expect(numbersIn(html)).toEqual([found.own.number]);
    expect(html).toContain(`href="/front-office/applications/${found.own.id}"`);
    const byIin = await search('operator', '/front-office/search', applicant);
    expect(numbersIn(await byIin.text())).toEqual([found.own.number]);
    const foreign = await search('foreignOperator', '/front-office/search', found.own.number);
    expect(numbersIn(await foreign.text())).toEqual([]);
    const theirs = await search('foreignOperator', '/front-office/search', applicant);
    expect(numbersIn(await theirs.text())).toEqual([found.foreign.number]);
  });

  it('refuses what is neither a number nor a valid IIN with a localised 422, never a 500', async () => {
    const cases: [string, string][] = [
      ['12345', findApplicationsTexts.notRecognised.ru],
      ['2026-123', findApplicationsTexts.notRecognised.ru],
      ['<script>alert(1)</script>', findApplicationsTexts.notRecognised.ru],
      ['Сеитов', findApplicationsTexts.notRecognised.ru],
      ['8'.repeat(500), findApplicationsTexts.notRecognised.ru],
      ["' or 1=1 --", findApplicationsTexts.notRecognised.ru],
      // 12 digits with a wrong control digit, and an impossible date of birth
      ['850412412017', 'ИИН'],
      ['851342412016', 'ИИН'],
    ];
    for (const path of ['/back-office/search', '/front-office/search']) {
      const who = path.startsWith('/back') ? 'head' : 'operator';
      for (const [text, message] of cases) {
        const response = await search(who, path, text);
        expect(response.status, `${path} ${text}`).toBe(422);
        const html = await response.text();
        expect(html).toContain(message);
        expect(html).toContain('href="#search-text"');
        expect(html).not.toContain('<script>alert(1)</script>');
        expect(numbersIn(html)).toEqual([]);
      }
    }
    for (const locale of ['kk', 'en'] as const) {
      const html = await (await search('head', '/back-office/search', 'abc', locale)).text();
      expect(html).toContain(findApplicationsTexts.notRecognised[locale]);
    }
  });

  it('shows the empty form without searching, in kk, ru and en', async () => {
    const before = (await findAudits()).length;
    for (const locale of ['kk', 'ru', 'en'] as const) {
      for (const [who, path] of [
        ['head', '/back-office/search'],
        ['operator', '/front-office/search'],
      ] as const) {
        const response = await search(who, path, '', locale);
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toContain(searchTexts.label[locale]);
        expect(html).not.toContain('id="search-results"');
        expect(html).toContain(`href="${path}"`);
      }
    }
    expect((await findAudits()).length).toBe(before);
  });

  it('audits every search that runs: who, by what, and the numbers returned', async () => {
    const before = (await findAudits()).length;
    await search('executor', '/back-office/search', applicant);
    await search('operator', '/front-office/search', found.foreign.number);
    const audits = (await findAudits()).slice(before);
    expect(audits).toEqual([
      {
        actor_id: staff.executor.principal.staffId,
        details: { query: 'find', by: { applicantIin: applicant }, numbers: [found.own.number] },
      },
      {
        actor_id: staff.operator.principal.staffId,
        details: { query: 'find', by: { number: found.foreign.number }, numbers: [] },
      },
    ]);
  });

  it('keeps the search from citizens and from other workspaces’ roles', async () => {
    expect((await app.request('/back-office/search?q=1')).status).toBe(303);
    const operatorInBackOffice = await search('operator', '/back-office/search', applicant);
    expect(operatorInBackOffice.status).toBe(403);
    const headInFrontOffice = await search('head', '/front-office/search', applicant);
    expect(headInFrontOffice.status).toBe(403);
  });
});
