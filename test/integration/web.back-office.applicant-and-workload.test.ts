import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { bo } from '../../src/http/web/back-office/texts.js';
import { composeApp } from '../../src/cli/compose.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { setStaffPasswordIfUnset } from '../../src/storage/demo.repository.js';
import { findStaffAccount } from '../../src/storage/staff-account.repository.js';
import { applicationServices, createStaff, manualClock } from '../support/applications.js';
import {
  cabinetWorld,
  completeThroughApi,
  createCabinetWorld,
  type CabinetStaff,
} from '../support/cabinet.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { createTestResultSigning } from '../support/sign-result.js';

const password = 'qyzmet2024';
/** The demo citizen, whom the built-in person registry (ГБД ФЛ) knows. */
const knownApplicant = '850412412016';

/**
 * Issue 18, point 7: the applicant's name on the back office's application page (from ГБД ФЛ),
 * and the executors' current workload in the head's assignment form.
 */
describe(`the back office shows the applicant's name and the executors' workload on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2026-03-17T05:00:00Z');
  let services: ReturnType<typeof applicationServices>;
  let app: ReturnType<typeof composeApp>;
  let staff: CabinetStaff;
  let idle: Principal & { kind: 'staff' };
  const ids: Record<'done' | 'first' | 'second' | 'waiting' | 'unknown', string> = {
    done: '',
    first: '',
    second: '',
    waiting: '',
    unknown: '',
  };

  const submit = async (key: string, applicantIin: string) => {
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
        providerOrganisationId: cabinetWorld.school,
        frontOfficeId: cabinetWorld.frontOffice,
        fields: demoFields(regulation, cabinetWorld.frontOffice),
      },
    );
    return submitted.applicationId;
  };

  const logIn = async (who: Principal & { kind: 'staff' }) => {
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
  const page = async (cookie: string, id: string, locale: 'kk' | 'ru' | 'en') => {
    const response = await app.request(`/back-office/applications/${id}?lang=${locale}`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    const signing = await createTestResultSigning(database, clock.now());
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms: new InMemorySmsOutbox(),
      applications: services,
      trustStore: () => signing.trustStore,
    });
    ({ staff } = await createCabinetWorld(database, clock.now()));
    idle = await createStaff(database, cabinetWorld.school, cabinetWorld.region, ['executor']);
    const hash = await hashPassword(password);
    for (const member of [staff.head.principal, staff.executor.principal, idle]) {
      await setStaffPasswordIfUnset(database.db, member.staffId, hash, clock.now());
    }
    ids.done = await submit('workload-done', knownApplicant);
    ids.first = await submit('workload-first', knownApplicant);
    ids.second = await submit('workload-second', cabinetWorld.applicant.iin);
    ids.waiting = await submit('workload-waiting', knownApplicant);
    ids.unknown = await submit('workload-unknown', cabinetWorld.applicant.iin);
    // One application done (issued: not counted), two open with the executor.
    await completeThroughApi(
      async (path, init) => app.request(path, init),
      staff,
      ids.done,
      (await signing.keyFor(staff.head.principal))!,
      clock.now(),
    );
    for (const id of [ids.first, ids.second]) {
      await completeStep(services, staff.head.principal, {
        idempotencyKey: `workload-assign-${id}`,
        applicationId: id,
        stepId: 'assign',
        executorId: staff.executor.principal.staffId,
      });
    }
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });

  it('gives the head each executor with the open applications appointed to them, in kk, ru and en', async () => {
    const cookie = await logIn(staff.head.principal);
    const busy = await findStaffAccount(database.db, staff.executor.principal.staffId);
    const free = await findStaffAccount(database.db, idle.staffId);
    for (const locale of ['kk', 'ru', 'en'] as const) {
      const html = await page(cookie, ids.waiting, locale);
      const options = [...html.matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)].map(
        (match) => [match[1], match[2]!.replace(/\s+/g, ' ').trim()],
      );
      const label = bo.openApplications[locale];
      expect(options).toEqual(
        expect.arrayContaining([
          [busy!.id, `${locale === 'kk' ? busy!.fullNameKk : busy!.fullName} (${label}: 2)`],
          [free!.id, `${locale === 'kk' ? free!.fullNameKk : free!.fullName} (${label}: 0)`],
        ]),
      );
      expect(html).toContain(bo.workloadHint[locale]);
      expect(html).toContain('aria-describedby="assign-workload-hint"');
    }
  });

  it('does not count the executor’s ended application (three appointed, two open)', async () => {
    const rows = await database.db
      .selectFrom('application')
      .select(['id', 'ended_at'])
      .where('executor_id', '=', staff.executor.principal.staffId)
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => row.ended_at !== null).map((row) => row.id)).toEqual([ids.done]);
  });

  it('shows the applicant’s name from the person registry, in the page’s language', async () => {
    const cookie = await logIn(staff.executor.principal);
    const ru = await page(cookie, ids.first, 'ru');
    expect(ru).toMatch(/<dd id="applicant-name">Сейткалиева Айгуль Маратовна<\/dd>/);
    expect(ru).toContain('— Сейткалиева Айгуль Маратовна</p>');
    expect(ru).toContain(`<dd id="applicant-iin">${knownApplicant}</dd>`);
    const kk = await page(cookie, ids.first, 'kk');
    expect(kk).toMatch(/<dd id="applicant-name">Сейітқалиева Айгүл Маратқызы<\/dd>/);
    const en = await page(cookie, ids.first, 'en');
    expect(en).toMatch(/<dd id="applicant-name">Seitkaliyeva Aigul Maratovna<\/dd>/);
    // The lookup is logged apart from the application's own registry calls.
    const calls = await database.db
      .selectFrom('gateway_call')
      .select(['correlation_id', 'subject_ref'])
      .where('correlation_id', '=', `back-office:${ids.first}`)
      .execute();
    expect(calls.length).toBe(3);
    expect(calls[0]!.subject_ref).toBe(knownApplicant);
    expect(ru).not.toContain(`back-office:${ids.first}`);
  });

  it('shows a dash for an applicant the registry does not know, and no name to another executor', async () => {
    const cookie = await logIn(staff.executor.principal);
    const html = await page(cookie, ids.second, 'ru');
    expect(html).toMatch(/<dd id="applicant-name">—<\/dd>/);
    // An application not appointed to the idle executor is still readable by its organisation;
    // a staff member of another organisation gets 404 and no registry call is made for them.
    const before = await database.db.selectFrom('gateway_call').select('id').execute();
    const stranger = await createStaff(database, cabinetWorld.frontOffice, cabinetWorld.region, [
      'front_office_operator',
    ]);
    await setStaffPasswordIfUnset(
      database.db,
      stranger.staffId,
      await hashPassword(password),
      clock.now(),
    );
    const foreign = await app.request(`/back-office/applications/${ids.unknown}`, {
      headers: { cookie: await logIn(stranger) },
    });
    expect(foreign.status).toBe(403);
    expect(await database.db.selectFrom('gateway_call').select('id').execute()).toHaveLength(
      before.length,
    );
  });
});
