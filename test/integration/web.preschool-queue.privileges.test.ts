// Issue 19: the district education department confirms (or rejects) claimed privileges on a
// staff page. Its head and executors see the privileges claimed in the districts the department
// keeps, with the child's IIN and the confirmation deadline; confirming keeps the category,
// rejecting moves the child to the general queue at its registration time; each decision is
// audited and told to the parent (cabinet message in kk/ru/en, SMS). Another department sees
// none of them and cannot decide on them; bad input is a localised 4xx; a decided or overdue
// privilege is a conflict, and the deadline watch takes only the undecided ones. (The back
// office renders a refused form in answer to the POST, without post/redirect/get.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { composeApp } from '../../src/cli/compose.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { expireOffers } from '../../src/features/preschool-queue/expire-offers.js';
import { listOwnQueue } from '../../src/features/preschool-queue/list-own-queue.js';
import { lookupPosition } from '../../src/features/preschool-queue/lookup-position.js';
import { queueServicesOf } from '../../src/features/preschool-queue/queue-services.js';
import { registerChild } from '../../src/features/preschool-queue/register-child.js';
import { seedQueueKindergartens } from '../../src/features/preschool-queue/seed-queue-kindergartens.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, createOrganisation, manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { openRefusedForm } from '../support/refused-form.js';
import { staffSession as signInStaff } from '../support/staff-session.js';

const department = 'sko-education-shymkent';
const otherDepartment = 'sko-education-other';
const page = '/back-office/queue-privileges';
const parentIin = generateIin('1990-01-01', 'female', 51);
const children = {
  primary: {
    birthDate: '2023-03-01',
    category: 'primary',
    iin: generateIin('2023-03-01', 'male', 52),
  },
  general: {
    birthDate: '2023-04-01',
    category: 'general',
    iin: generateIin('2023-04-01', 'female', 53),
  },
  extraordinary: {
    birthDate: '2023-05-01',
    category: 'extraordinary',
    iin: generateIin('2023-05-01', 'male', 54),
  },
  late: {
    birthDate: '2023-06-01',
    category: 'primary',
    iin: generateIin('2023-06-01', 'female', 55),
  },
} as const;

describe(`the department confirms privileges on a staff page (issue 19), on ${testBackend}`, () => {
  let database: DatabaseHandle;
  // Tuesday 1 December 2026, 10:00 in Shymkent.
  const clock = manualClock('2026-12-01T05:00:00Z');
  let app: ReturnType<typeof composeApp>;
  let services: ReturnType<typeof applicationServices>;
  const sms = new InMemorySmsOutbox();
  const sessions: Record<'head' | 'executor' | 'other', { cookie: string; csrf: string }> = {
    head: { cookie: '', csrf: '' },
    executor: { cookie: '', csrf: '' },
    other: { cookie: '', csrf: '' },
  };
  const numbers: Record<keyof typeof children, string> = {
    primary: '',
    general: '',
    extraordinary: '',
    late: '',
  };
  const tick = (minutes: number) =>
    clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());

  const get = (path: string, session: { cookie: string }) =>
    app.request(path, { headers: { accept: 'text/html', cookie: session.cookie } });
  const decide = (session: { cookie: string; csrf: string }, form: [string, string][]) =>
    app.request(page, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: new URLSearchParams([...form, ['_csrf', session.csrf]]).toString(),
    });
  const privilegeOf = (number: string) =>
    database.db
      .selectFrom('queue_registration')
      .select(['privilege', 'rank_category', 'privilege_due'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
  const register = async (key: keyof typeof children) => {
    const slip = await registerChild(queueServicesOf(services), parentIin, {
      region: 'south-kazakhstan',
      district: 'shymkent-al-farabi',
      childIin: children[key].iin,
      birthDate: children[key].birthDate,
      phone: '+77010000051',
      category: children[key].category,
      preferred: ['sko-kg-balbobek'],
      language: 'ru',
      specialNeeds: null,
      desiredStart: '2026-09-01',
    });
    numbers[key] = slip.number;
    tick(1);
  };

  /** Signs a new staff account of the organisation in: its session cookie and token. */
  const staffSession = (organisationId: string, role: 'head' | 'executor') =>
    signInStaff(app, database, {
      organisationId,
      regionCode: 'south-kazakhstan',
      role,
      now: clock.now(),
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      TRUSTED_PROXIES: '127.0.0.1',
    });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms,
      registries: createRegistrySimulator(),
      applications: services,
    });
    for (const id of [department, otherDepartment])
      await createOrganisation(database, {
        id,
        kind: 'district_education_department',
        regionCode: 'south-kazakhstan',
      });
    await seedQueueKindergartens(database.db);
    sessions.head = await staffSession(department, 'head');
    sessions.executor = await staffSession(department, 'executor');
    sessions.other = await staffSession(otherDepartment, 'head');
    for (const key of ['primary', 'general', 'extraordinary'] as const) await register(key);
  }, 240_000);
  afterAll(async () => database?.close());

  it('the department’s staff see the claimed privileges with the child’s IIN and the deadline, in kk, ru and en; another department sees none', async () => {
    const html = await (await get(`${page}?lang=ru`, sessions.executor)).text();
    // One heading names the page; the table is labelled by it (no h2 repeating the h1).
    expect(html.match(/<h[1-6][^>]*>[^<]*<\/h[1-6]>/g)).toEqual([
      '<h1 id="privileges-pending">Подтверждение льгот</h1>',
    ]);
    expect(html).toContain('aria-labelledby="privileges-pending"');
    for (const key of ['primary', 'extraordinary'] as const) {
      expect(html).toContain(`data-number="${numbers[key]}"`);
      expect(html).toContain(children[key].iin);
    }
    expect(html).not.toContain(numbers.general);
    expect(html).toContain('Первоочередное право');
    expect(html).toContain('Внеочередное право');
    // The deadline: 5 working days from Tuesday 1 December, 10:0x → Tuesday 8 December.
    const due = (await privilegeOf(numbers.primary)).privilege_due!;
    expect(due.toISOString().slice(0, 10)).toBe('2026-12-08');
    expect(await (await get(`${page}?lang=kk`, sessions.head)).text()).toContain(
      'Жеңілдіктерді растау',
    );
    expect(await (await get(`${page}?lang=en`, sessions.head)).text()).toContain('Confirm by');
    const other = await (await get(`${page}?lang=ru`, sessions.other)).text();
    expect(other).toContain('Льгот, ожидающих подтверждения, нет.');
    expect(other).not.toContain(children.primary.iin);
  });

  it('bad input and another department’s decision are refused in Russian, changing nothing', async () => {
    // Post/redirect/get (issue 18, point 11): 303 to the page, whose GET shows the 422.
    const shown = async (session: { cookie: string }, posted: Response) =>
      openRefusedForm(app, posted, session.cookie, page, { accept: 'text/html' });
    const noDecision = await shown(
      sessions.executor,
      await decide(sessions.executor, [
        ['number', numbers.primary],
        ['decision', 'maybe'],
      ]),
    );
    expect(noDecision.status).toBe(422);
    expect(await noDecision.text()).toContain('Выберите: подтвердить или отклонить.');
    const garbage = await shown(
      sessions.executor,
      await decide(sessions.executor, [
        ['number', "Q-1' or 1=1"],
        ['decision', 'confirm'],
      ]),
    );
    expect(garbage.status).toBe(422);
    expect(await garbage.text()).toContain('Такого талона нет в районах вашего отдела.');
    const foreign = await shown(
      sessions.other,
      await decide(sessions.other, [
        ['number', numbers.primary],
        ['decision', 'confirm'],
      ]),
    );
    expect(foreign.status).toBe(422);
    expect(await foreign.text()).toContain('Такого талона нет в районах вашего отдела.');
    expect(await privilegeOf(numbers.primary)).toMatchObject({
      privilege: 'pending',
      rank_category: 1,
    });
    const audit = await database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', 'like', 'preschool_queue.privilege_%')
      .execute();
    expect(audit).toEqual([]);
  });

  it('the executor confirms a privilege: the category stands, audited, the parent told in kk/ru/en and by SMS; a second decision is a conflict', async () => {
    tick(30);
    const confirmed = await decide(sessions.executor, [
      ['number', numbers.primary],
      ['decision', 'confirm'],
    ]);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(
      `${page}?decided=confirm&number=${numbers.primary}`,
    );
    const after = await (await get(confirmed.headers.get('location')!, sessions.executor)).text();
    expect(after).toContain('Льгота подтверждена');
    expect(after).not.toContain(`data-number="${numbers.primary}"`);
    expect(await privilegeOf(numbers.primary)).toEqual({
      privilege: 'confirmed',
      rank_category: 1,
      privilege_due: null,
    });
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_kind', 'details'])
      .where('action', '=', 'preschool_queue.privilege_confirmed')
      .execute();
    expect(audit).toEqual([
      {
        action: 'preschool_queue.privilege_confirmed',
        actor_kind: 'staff',
        details: { number: numbers.primary, organisationId: department },
      },
    ]);
    const own = await listOwnQueue(queueServicesOf(services), parentIin);
    const message = own.messages.find((entry) => entry.kind === 'privilege_confirmed');
    expect(message?.number).toBe(numbers.primary);
    expect(message?.message).toEqual({
      kk: expect.stringContaining('расталды'),
      ru: expect.stringContaining('подтверждена'),
      en: expect.stringContaining('confirmed'),
    });
    const texts = await database.db
      .selectFrom('outbox_message')
      .select('body')
      .where('recipient', '=', '+77010000051')
      .execute();
    expect(texts.map((entry) => entry.body)).toEqual([
      expect.stringContaining('Льгота подтверждена документами'),
    ]);
    const again = await decide(sessions.head, [
      ['number', numbers.primary],
      ['decision', 'reject'],
    ]);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('По этой льготе уже принято решение');
  });

  it('the head rejects a privilege: the child moves to the general queue at its registration time, audited', async () => {
    expect(await lookupPosition(services, numbers.extraordinary)).toMatchObject({ position: 1 });
    const rejected = await decide(sessions.head, [
      ['number', numbers.extraordinary],
      ['decision', 'reject'],
    ]);
    expect(rejected.status).toBe(303);
    expect(await privilegeOf(numbers.extraordinary)).toMatchObject({
      privilege: 'lost',
      rank_category: 2,
    });
    // Behind the confirmed primary right, and behind the general child registered before it.
    expect(await lookupPosition(services, numbers.extraordinary)).toMatchObject({
      category: 'general',
      position: 3,
    });
    expect(await lookupPosition(services, numbers.general)).toMatchObject({ position: 2 });
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['actor_kind', 'details'])
      .where('action', '=', 'preschool_queue.privilege_rejected')
      .execute();
    expect(audit).toEqual([
      {
        actor_kind: 'staff',
        details: { number: numbers.extraordinary, organisationId: department },
      },
    ]);
    expect(await (await get(`${page}?lang=en`, sessions.head)).text()).toContain(
      'No privileges await confirmation.',
    );
  });

  it('past the deadline the page refuses to confirm and the deadline watch takes only the undecided privilege', async () => {
    await register('late');
    clock.set('2026-12-09T05:00:00Z');
    // The sessions of eight days ago have ended: the executor signs in again.
    sessions.executor = await staffSession(department, 'executor');
    const late = await decide(sessions.executor, [
      ['number', numbers.late],
      ['decision', 'confirm'],
    ]);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('срок её подтверждения истёк');
    expect(await privilegeOf(numbers.late)).toMatchObject({ privilege: 'pending' });
    expect(await expireOffers(queueServicesOf(services))).toMatchObject({ privilegesLost: 1 });
    expect(await privilegeOf(numbers.late)).toMatchObject({ privilege: 'lost', rank_category: 2 });
    expect(await privilegeOf(numbers.primary)).toMatchObject({ privilege: 'confirmed' });
  });
});
