// Issue 19: the yearly intake round. While the region's round is open (South Kazakhstan's
// queue rules: 1 May – 30 June), places a kindergarten publishes wait instead of being offered
// at once; the head of the district education department allocates them in one batch run
// (logged with the trigger intake_round, re-runnable, audited) from the statistics page. Another
// department cannot run it, an executor may not, and outside the window it is a conflict while
// publishing allocates continuously again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { composeApp } from '../../src/cli/compose.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { queueServicesOf } from '../../src/features/preschool-queue/queue-services.js';
import { registerChild } from '../../src/features/preschool-queue/register-child.js';
import { rerunAllocation } from '../../src/features/preschool-queue/rerun-allocation.js';
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
const births = ['2024-01-01', '2024-01-02', '2024-01-03'];

describe(`the yearly intake round (issue 19), on ${testBackend}`, () => {
  let database: DatabaseHandle;
  // Wednesday 12 May 2027, 10:00 in Shymkent: inside the round.
  const clock = manualClock('2027-05-12T05:00:00Z');
  let app: ReturnType<typeof composeApp>;
  let services: ReturnType<typeof applicationServices>;
  const sms = new InMemorySmsOutbox();
  const numbers: string[] = [];
  type Session = { cookie: string; csrf: string };
  let head: Session;
  let executor: Session;
  let other: Session;

  const get = (path: string, session: Session) =>
    app.request(path, { headers: { accept: 'text/html', cookie: session.cookie } });
  const post = (path: string, session: Session, form: [string, string][]) =>
    app.request(path, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: new URLSearchParams([...form, ['_csrf', session.csrf]]).toString(),
    });
  const runRound = (session: Session) =>
    post('/back-office/queue-statistics/intake', session, [
      ['district', 'south-kazakhstan/shymkent-al-farabi'],
    ]);
  const publish = (session: Session) =>
    post('/back-office/kindergarten-places', session, [
      ['group', 'sko-kg-balbobek-ru-2'],
      ['places', '2'],
    ]);
  const offers = () =>
    database.db
      .selectFrom('queue_offer as o')
      .innerJoin('queue_registration as r', 'r.id', 'o.registration_id')
      .innerJoin('queue_run as q', 'q.id', 'o.run_id')
      .select(['r.number', 'q.trigger', 'o.run_id'])
      // One batch run offers at one instant: then the queue's order (slip numbers are random).
      .orderBy('o.offered_at')
      .orderBy('r.registered_at')
      .execute();

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
    head = await staffSession(department, 'head');
    executor = await staffSession(department, 'executor');
    other = await staffSession(otherDepartment, 'head');
    for (const [index, birthDate] of births.entries()) {
      const slip = await registerChild(
        queueServicesOf(services),
        generateIin('1990-01-01', 'female', 60 + index),
        {
          region: 'south-kazakhstan',
          district: 'shymkent-al-farabi',
          childIin: generateIin(birthDate, 'male', 70 + index),
          birthDate,
          phone: `+7701000006${index}`,
          category: 'general',
          preferred: ['sko-kg-balbobek'],
          language: 'ru',
          specialNeeds: null,
          desiredStart: '2026-09-01',
        },
      );
      numbers.push(slip.number);
      clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    }
  }, 240_000);
  afterAll(async () => database?.close());

  it('inside the round a published place waits: no offer, no run; the page says so', async () => {
    const published = await publish(executor);
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe('/back-office/kindergarten-places?held=1');
    const page = await (await get(published.headers.get('location')!, executor)).text();
    expect(page).toContain('Места опубликованы и ждут распределения периода комплектования.');
    expect(await offers()).toEqual([]);
    expect(await database.db.selectFrom('queue_run').select('id').execute()).toEqual([]);
    const free = await database.db
      .selectFrom('queue_place')
      .select('status')
      .where('status', '=', 'free')
      .execute();
    expect(free).toHaveLength(2);
    const statistics = await (await get('/back-office/queue-statistics?lang=ru', head)).text();
    expect(statistics).toContain('data-open="true"');
    // The window in words in the page's language, never as the rules' MM-DD.
    expect(statistics).toContain('Сроки периода: 1 мая — 30 июня.');
    expect(statistics).not.toContain('05-01');
    const kk = await (await get('/back-office/queue-statistics?lang=kk', head)).text();
    expect(kk).toContain('Кезең мерзімі: 1 мамыр — 30 маусым.');
    const en = await (await get('/back-office/queue-statistics?lang=en', head)).text();
    expect(en).toContain('The round’s window: 1 May — 30 June.');
  });

  it('only the head of the department keeping the district runs the round', async () => {
    // Post/redirect/get (issue 18, point 11): 303 to the statistics, whose GET shows the 422.
    const foreign = await openRefusedForm(
      app,
      await runRound(other),
      other.cookie,
      '/back-office/queue-statistics',
      { accept: 'text/html' },
    );
    expect(foreign.status).toBe(422);
    expect(await foreign.text()).toContain('href="#district"');
    expect((await runRound(executor)).status).toBe(403);
    expect(await offers()).toEqual([]);
  });

  it('the head runs the round: one batch run offers the waiting places in queue order, logged, re-runnable and audited', async () => {
    const ran = await runRound(head);
    expect(ran.status).toBe(303);
    expect(decodeURIComponent(ran.headers.get('location') ?? '')).toBe(
      `/back-office/queue-statistics?intake=${numbers[0]}, ${numbers[1]}`,
    );
    const made = await offers();
    expect(made.map((offer) => [offer.number, offer.trigger])).toEqual([
      [numbers[0], 'intake_round'],
      [numbers[1], 'intake_round'],
    ]);
    expect(new Set(made.map((offer) => offer.run_id)).size).toBe(1);
    expect((await rerunAllocation(database.db, made[0]!.run_id)).isSame).toBe(true);
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['actor_kind', 'subject_id', 'details'])
      .where('action', '=', 'preschool_queue.intake_round')
      .execute();
    expect(audit).toEqual([
      {
        actor_kind: 'staff',
        subject_id: String(made[0]!.run_id),
        details: {
          region: 'south-kazakhstan',
          district: 'shymkent-al-farabi',
          offers: 2,
          unfilled: 0,
        },
      },
    ]);
  });

  it('after the round, publishing allocates at once again and the round is refused in Russian', async () => {
    clock.set('2027-07-01T05:00:00Z');
    // The sessions of seven weeks ago have ended.
    head = await staffSession(department, 'head');
    executor = await staffSession(department, 'executor');
    const published = await publish(executor);
    expect(decodeURIComponent(published.headers.get('location') ?? '')).toContain(numbers[2]);
    const made = await offers();
    expect(made.at(-1)).toMatchObject({ number: numbers[2], trigger: 'places_published' });
    const closed = await runRound(head);
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain('Период комплектования сейчас не идёт.');
    const statistics = await (await get('/back-office/queue-statistics?lang=kk', head)).text();
    expect(statistics).toContain('data-open="false"');
    expect(statistics).toContain('Жыл сайынғы қабылдау кезеңі');
  });
});
