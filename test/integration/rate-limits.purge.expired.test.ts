import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longestRateLimitWindowMs } from '../../src/features/limits/purge-expired-limits.js';
import { enforceRateLimit, rateLimitPolicies } from '../../src/features/limits/rate-limit.js';
import type { MessageSender } from '../../src/integrations/messaging/message-sender.js';
import { createBackgroundJobs } from '../../src/jobs/background-jobs.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { jobServices } from '../support/jobs.js';

const noSender: MessageSender = {
  async send() {
    throw new Error('no message is due in this test');
  },
};

/**
 * The worker's `limits-purge` job deletes the rate-limit windows and sign-in throttle keys
 * that no longer limit anyone, keeps every live one (which goes on counting), drains a
 * backlog bigger than one batch, and writes one audit row per round that deleted something.
 */
describe(`purge of expired rate limits and sign-in throttles on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2026-12-03T12:00:00Z');
  const ago = (ms: number) => new Date(clock.now().getTime() - ms);
  const minute = 60_000;
  const hour = 60 * minute;

  const purgeJob = () => {
    const job = createBackgroundJobs(jobServices(database, clock.now), noSender).find(
      (candidate) => candidate.name === 'limits-purge',
    );
    if (!job) throw new Error('the worker has no limits-purge job');
    return job;
  };
  const keys = async (table: 'rate_limit' | 'login_throttle') =>
    (await database.db.selectFrom(table).select('key').orderBy('key').execute()).map(
      (row) => row.key,
    );
  const purgeAudits = async () =>
    (await listAuditEvents(database.db)).filter((event) => event.action === 'rate_limits.purged');

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('is a worker job that runs every 10 minutes', () => {
    expect(purgeJob().everyMs).toBe(10 * minute);
    expect(longestRateLimitWindowMs).toBe(hour);
  });

  it('deletes what expired, keeps what still limits, and audits the round', async () => {
    await database.db
      .insertInto('rate_limit')
      .values([
        { key: 'citizen-login:10.0.0.1', window_started_at: ago(2 * hour), hits: 20 },
        { key: 'citizen-register:10.0.0.2', window_started_at: ago(hour + 1), hits: 3 },
        // A live hour-long window (registration) and a live 15-minute one.
        { key: 'citizen-register:10.0.0.3', window_started_at: ago(50 * minute), hits: 9 },
        { key: 'citizen-login:10.0.0.4', window_started_at: ago(5 * minute), hits: 19 },
      ])
      .execute();
    await database.db
      .insertInto('login_throttle')
      .values([
        {
          key: 'citizen:850412412016',
          failures: 30,
          last_failure_at: ago(25 * hour),
          delayed_until: ago(25 * hour - minute),
        },
        {
          key: 'staff:800101341083@10.0.0.1',
          failures: 6,
          last_failure_at: ago(2 * hour),
          delayed_until: ago(2 * hour - 30_000),
        },
        // Forgotten by age but still delaying (a policy with a longer delay than its memory).
        {
          key: 'staff:800101357862',
          failures: 40,
          last_failure_at: ago(25 * hour),
          delayed_until: new Date(clock.now().getTime() + minute),
        },
      ])
      .execute();

    expect(await purgeJob().run()).toBe(2);

    expect(await keys('rate_limit')).toEqual([
      'citizen-login:10.0.0.4',
      'citizen-register:10.0.0.3',
    ]);
    expect(await keys('login_throttle')).toEqual([
      'staff:800101341083@10.0.0.1',
      'staff:800101357862',
    ]);
    const audits = await purgeAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorKind: 'system',
      subjectType: 'rate_limit',
      details: { rateLimits: 2, loginThrottles: 1 },
    });

    // The kept window goes on counting: the 20th login attempt of the window is still allowed,
    // the 21st is refused.
    await enforceRateLimit(
      database.db,
      'citizen-login:10.0.0.4',
      rateLimitPolicies.login,
      clock.now(),
    );
    await expect(
      enforceRateLimit(database.db, 'citizen-login:10.0.0.4', rateLimitPolicies.login, clock.now()),
    ).rejects.toMatchObject({ code: 'rate_limited' });

    // Nothing left to delete: no row changes, no audit row.
    expect(await purgeJob().run()).toBe(0);
    expect(await purgeAudits()).toHaveLength(1);
  });

  it('drains a backlog larger than one batch in one worker round', async () => {
    const stale = ago(3 * hour);
    await sql`
      insert into rate_limit (key, window_started_at, hits)
      select 'backlog:' || n, ${stale}::timestamptz, 1 from generate_series(1, 2500) as n
    `.execute(database.db);
    const before = await purgeAudits();
    const runner = createJobRunner({
      jobs: [purgeJob()],
      logger: pino({ level: 'silent' }),
      now: clock.now,
      pollMs: 100,
    });
    expect(await runner.runOnce()).toEqual({ 'limits-purge': 2500 });
    const { count } = await database.db
      .selectFrom('rate_limit')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('key', 'like', 'backlog:%')
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(0);
    // Three rounds of at most 1,000 rows, each with its audit row.
    const rounds = (await purgeAudits()).slice(before.length);
    expect(rounds.map((event) => event.details.rateLimits)).toEqual([1000, 1000, 500]);
  });
});
