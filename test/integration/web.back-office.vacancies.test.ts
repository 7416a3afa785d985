import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { declareVacancies } from '../../src/features/kindergarten/declare-vacancies.js';
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
  regulationCatalog,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { openRefusedForm } from '../support/refused-form.js';

type Staff = Principal & { kind: 'staff' };
const password = 'qyzmet2024';
const regulationId = 'south-kazakhstan.kindergarten-queue.2012-12-26';
const applicants = ['900101300007', '850615400019', '780312350345', '920202400023', '880808300016'];

describe(`the provider declares free kindergarten places (seed 003), on ${testBackend}`, () => {
  let database: DatabaseHandle;
  // The regulation was in force in the first half of 2013: Monday 4 February 2013, 10:00.
  const clock = manualClock('2013-02-04T04:00:00Z');
  let services: ReturnType<typeof applicationServices>;
  let app: ReturnType<typeof composeApp>;
  const staff: Record<string, Staff> = {};
  /** Numbers in the order they were submitted (queue order), with the child's birth date. */
  const queued: { id: string; number: string; birth: string }[] = [];

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
    for (const org of ['sko-education-shymkent', 'sko-education-sairam']) {
      await createOrganisation(database, {
        id: org,
        kind: 'district_education_department',
        regionCode: 'south-kazakhstan',
      });
    }
    // An archive of the same region provides no service with a kindergarten queue.
    await createOrganisation(database, {
      id: 'sko-archive-test',
      kind: 'archive',
      regionCode: 'south-kazakhstan',
    });
    const hash = await hashPassword(password);
    for (const [name, org, role] of [
      ['head', 'sko-education-shymkent', 'head'],
      ['executor', 'sko-education-shymkent', 'executor'],
      ['registry', 'sko-education-shymkent', 'registry_office'],
      ['otherExecutor', 'sko-education-sairam', 'executor'],
      ['archiveHead', 'sko-archive-test', 'head'],
    ] as const) {
      staff[name] = await createStaff(database, org, 'south-kazakhstan', [role]);
      await setStaffPasswordIfUnset(database.db, staff[name]!.staffId, hash, clock.now());
    }
    const regulation = regulationCatalog().getById(regulationId);
    // On 4 February 2013 the children are 2, 3, 2, 3 and 3 years old; submitted a minute apart.
    const births = ['2010-06-01', '2009-05-01', '2010-07-15', '2009-09-09', '2010-01-20'];
    for (const [index, iin] of applicants.entries()) {
      clock.set(new Date(Date.UTC(2013, 1, 4, 4, index)).toISOString());
      const submitted = await submitApplication(
        services,
        { kind: 'citizen', iin },
        {
          idempotencyKey: `vacancy-submit-${index}`,
          serviceCode: 'kindergarten-queue',
          channel: 'portal',
          applicantIin: iin,
          providerOrganisationId: 'sko-education-shymkent',
          fields: { ...demoFields(regulation), 'child-birth-date': births[index]! },
        },
      );
      queued.push({ id: submitted.applicationId, number: submitted.number, birth: births[index]! });
    }
    // Resolved and reviewed in reverse order: the queue still follows submission.
    clock.set('2013-02-04T06:00:00Z');
    for (const entry of [...queued].reverse()) {
      await completeStep(services, staff.head!, {
        idempotencyKey: `vacancy-accept-${entry.number}`,
        applicationId: entry.id,
        stepId: 'accept',
        executorId: staff.executor!.staffId,
      });
      await completeStep(services, staff.executor!, {
        idempotencyKey: `vacancy-decide-${entry.number}`,
        applicationId: entry.id,
        stepId: 'decide',
        answer: true,
      });
    }
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });

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
    return { cookie: `qyzmet_csrf=${csrf}; qyzmet_session=${session}; qyzmet_lang=ru`, csrf };
  };
  const stateOf = async (id: string) =>
    database.db
      .selectFrom('application')
      .select(['current_step_id', 'status', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const declare = (
    session: { cookie: string; csrf: string },
    form: Record<string, string>,
    withCsrf = true,
  ) =>
    app.request('/back-office/queue', {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...(withCsrf ? { _csrf: session.csrf } : {}),
        ...form,
      }).toString(),
    });
  const queueRows = (html: string) =>
    [...html.matchAll(/<tr data-number="([^"]+)" data-position="(\d+)">/g)].map((match) => ({
      number: match[1]!,
      position: Number(match[2]),
    }));

  it('shows the queue in submission order with the waiting-since time and the child’s age', async () => {
    for (const entry of queued)
      expect((await stateOf(entry.id)).current_step_id).toBe('check-place');
    const session = await logIn(staff.executor!);
    const page = await app.request('/back-office/queue', { headers: { cookie: session.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(queueRows(html)).toEqual(
      queued.map((entry, index) => ({ number: entry.number, position: index + 1 })),
    );
    expect(html).toContain('datetime="2013-02-04T04:00:00.000Z"');
    expect(html).toContain('04.02.2013 10:00'); // Shymkent, UTC+6 in 2013
    const ages = [
      ...html.matchAll(
        /<tr data-number="[^"]+" data-position="\d+">(?:.|\n)*?<td>(\d+)<\/td>\s*<\/tr>/g,
      ),
    ].map((match) => Number(match[1]));
    expect(ages).toEqual([2, 3, 2, 3, 3]);
    // Another organisation sees none of them; the registry office may not open the page.
    const other = await logIn(staff.otherExecutor!);
    const otherPage = await app.request('/back-office/queue', {
      headers: { cookie: other.cookie },
    });
    expect(otherPage.status).toBe(200);
    expect(queueRows(await otherPage.text())).toEqual([]);
    const registry = await logIn(staff.registry!);
    expect(
      (await app.request('/back-office/queue', { headers: { cookie: registry.cookie } })).status,
    ).toBe(403);
  });

  it('offers the queue in the menu only to organisations whose kind provides a queued service', async () => {
    const queueLink = /<a href="\/back-office\/queue"/;
    for (const who of [staff.head!, staff.executor!, staff.otherExecutor!]) {
      const session = await logIn(who);
      const inbox = await app.request('/back-office', { headers: { cookie: session.cookie } });
      expect(inbox.status).toBe(200);
      expect(await inbox.text()).toMatch(queueLink);
    }
    // The archive's head (same region, same role) has no kindergarten queue: no link.
    const archive = await logIn(staff.archiveHead!);
    const inbox = await app.request('/back-office', { headers: { cookie: archive.cookie } });
    expect(inbox.status).toBe(200);
    const html = await inbox.text();
    expect(html).toContain('href="/back-office/escalations"');
    expect(html).not.toMatch(queueLink);
  });

  it('refuses bad input (303, then 422 keeping what was typed), and a form without CSRF', async () => {
    const session = await logIn(staff.head!);
    // Post/redirect/get (issue 18, point 11): 303 to the queue, whose GET shows the refusal.
    const bad = await openRefusedForm(
      app,
      await declare(session, { idempotencyKey: 'vacancy-web-bad-1', places: '0', ageYears: '3' }),
      session.cookie,
      '/back-office/queue',
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('href="#vacancy-places"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/<option value="3" selected/);
    const forged = await declare(
      session,
      { idempotencyKey: 'vacancy-web-forged-1', places: '2' },
      false,
    );
    expect(forged.status).toBe(403);
    for (const entry of queued)
      expect((await stateOf(entry.id)).current_step_id).toBe('check-place');
  });

  it('offers the first N of an age group in queue order through the engine, once per key, audited', async () => {
    const session = await logIn(staff.head!);
    const before = await Promise.all(queued.map((entry) => stateOf(entry.id)));
    // Two places for three-year-olds: the 2nd and 4th in the queue (the 5th is three too, but later).
    const key = 'vacancy-web-age-3-0001';
    const response = await declare(session, { idempotencyKey: key, places: '2', ageYears: '3' });
    expect(response.status).toBe(303);
    expect(decodeURIComponent(response.headers.get('location')!)).toBe(
      `/back-office/queue?offered=${queued[1]!.number}, ${queued[3]!.number}`,
    );
    const after = await Promise.all(queued.map((entry) => stateOf(entry.id)));
    expect(after.map((state) => state.current_step_id)).toEqual([
      'check-place',
      'offer-place',
      'check-place',
      'offer-place',
      'check-place',
    ]);
    expect(after[1]!.version).toBe(before[1]!.version + 1);
    const events = await database.db
      .selectFrom('application_event')
      .select(['payload', 'actor'])
      .where('application_id', '=', queued[1]!.id)
      .orderBy('sequence', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(events.payload).toMatchObject({
      type: 'step_completed',
      stepId: 'check-place',
      answer: true,
    });
    expect(events.actor).toMatchObject({ kind: 'staff', userId: staff.head!.staffId });
    // The same form again (reload, double click): nothing more happens.
    const again = await declare(session, { idempotencyKey: key, places: '2', ageYears: '3' });
    expect(again.status).toBe(303);
    expect(
      (await Promise.all(queued.map((entry) => stateOf(entry.id)))).map((s) => s.version),
    ).toEqual(after.map((state) => state.version));
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'subject_id', 'details'])
      .where('action', '=', 'kindergarten.vacancies_declared')
      .execute();
    expect(audit).toEqual([
      {
        actor_id: staff.head!.staffId,
        subject_id: 'sko-education-shymkent',
        details: { places: 2, ageYears: 3, offered: [queued[1]!.number, queued[3]!.number] },
      },
    ]);
    // The queue now starts with the first one still waiting.
    const page = await app.request('/back-office/queue', { headers: { cookie: session.cookie } });
    expect(queueRows(await page.text())).toEqual([
      { number: queued[0]!.number, position: 1 },
      { number: queued[2]!.number, position: 2 },
      { number: queued[4]!.number, position: 3 },
    ]);
  });

  it('gives every waiting child a place when more are free, and the other organisation none', async () => {
    const other = await declareVacancies(services, staff.otherExecutor!, {
      idempotencyKey: 'vacancy-other-org-1',
      places: 5,
    });
    expect(other.offered).toEqual([]);
    expect((await stateOf(queued[0]!.id)).current_step_id).toBe('check-place');
    const result = await declareVacancies(services, staff.executor!, {
      idempotencyKey: 'vacancy-feature-all-1',
      places: 10,
    });
    expect(result.offered.map((entry) => entry.number)).toEqual([
      queued[0]!.number,
      queued[2]!.number,
      queued[4]!.number,
    ]);
    expect(result.unused).toBe(7);
    await expect(
      declareVacancies(services, staff.registry!, {
        idempotencyKey: 'vacancy-registry-1',
        places: 1,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
