// The region overview of the quality indicators (issue 20: "the region overview with 1,000,000
// applications, p95 against GET /health in the same run, goal ≤ 100 ms"): the page a region
// administrator opens, `GET /admin/monitoring` (signed in, Russian, HTML with the SVG chart),
// for the current quarter (the default view) and for the year, over HTTP on a PostgreSQL server
// from CLIENTS concurrent clients (and the quarter from one client alone),
// against GET /health (an HTTP round trip with one trivial query) in the same run; median of
// RUNS runs of each.
//
// The data: 1,000,000 applications of one region (the worst case: one region holds them all),
// submitted over the 365 days before today across 505 providers (20 districts of 25 schools,
// 5 regional archives), 3 services and 3 channels; most completed (some late, at the `review`
// step), refusals at intake and with reasons, extensions, suspensions, appeals (some upheld),
// questionnaires, and open applications, some of them overdue now. They are written by SQL,
// and the summary table `monitoring_count` is written from the same rows by SQL in the shape the
// `monitoring` job writes it (day, month, quarter and year rows of the same measures and
// details, by the day the counted thing happened in the provider's zone, docs/monitoring.md),
// with its roll-up without the service `monitoring_provider_count` — the job folding a
// million logs one by one would take the whole bench's time. The run checks that the summary
// and the applications agree (received, completed, overdue now) before it measures.
import { sql } from 'kysely';
import os from 'node:os';
import { startPostgresCluster } from '../scripts/postgres-cluster.mjs';
import { quarterOf } from '../src/domain/monitoring/period.js';
import { StaffRole } from '../src/domain/shared/roles.js';
import {
  demoPassword,
  ensureDemoStaff,
  hashDemoPassword,
} from '../src/features/demo/demo-accounts.js';
import { logInStaff } from '../src/features/identity/log-in-staff.js';
import { load } from './support/http-load.js';
import { freshDatabase } from './support/fresh-database.js';
import { report } from './support/report.js';
import { seedMonitoring, seedProviders, seedZone } from './support/monitoring-seed.js';
import { startServerProcess } from './support/server-process.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
/** Requests of the one-client measure (the latency one administrator sees, nothing queued). */
const ALONE = Number(process.env.BENCH_ALONE ?? 30);
const CLIENTS = 8;
const RUNS = 3;
const ZONE = seedZone;

const cluster = await startPostgresCluster({
  settings: { max_connections: 100, shared_buffers: '256MB' },
});
try {
  const { database, url } = await freshDatabase(cluster.url, 2);
  const started = performance.now();
  const db = database.db;

  await seedMonitoring(db, ROWS);
  const loadSeconds = (performance.now() - started) / 1000;

  // The summary agrees with the applications it was written from.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  const quarter = quarterOf(today);
  const [check] = (
    await sql<{
      received: string;
      summed: string;
      rolled_up: string;
      summary_rows: string;
      overdue: string;
    }>`
      select
        (select count(*) from application
          where (submitted_at at time zone ${ZONE})::date
            >= date_trunc('quarter', (now() at time zone ${ZONE}))::date) as received,
        (select sum(count) from monitoring_count where grain = 'month' and measure = 'received'
          and period_start >= date_trunc('quarter', (now() at time zone ${ZONE}))::date) as summed,
        (select sum(count) from monitoring_provider_count where grain = 'quarter'
          and measure = 'received'
          and period_start = date_trunc('quarter', (now() at time zone ${ZONE}))::date)
          as rolled_up,
        (select count(*) from monitoring_count) as summary_rows,
        (select count(*) from application where ended_at is null and due_at < now()) as overdue`.execute(
      db,
    )
  ).rows;
  if (!check || check.received !== check.summed || check.received !== check.rolled_up) {
    throw new Error(`the summary disagrees with the applications: ${JSON.stringify(check)}`);
  }
  await sql`drop table bench_contribution`.execute(db);
  await sql`drop table bench_fact`.execute(db);
  // As autovacuum leaves a table that has been written for a while: the visibility map set, so
  // that index-only scans (the roll-up, "overdue now") need no heap fetches.
  await sql`vacuum (analyze) application, monitoring_count, monitoring_provider_count`.execute(db);

  const [staff] = await ensureDemoStaff(
    db,
    'kos-akimat',
    [StaffRole.regionAdministrator],
    new Date(),
    hashDemoPassword(),
  );
  const outcome = await logInStaff({ db }, { iin: staff!.iin, password: demoPassword }, new Date());
  if (outcome.kind !== 'signed_in') throw new Error('the administrator could not sign in');
  await database.close();

  const server = await startServerProcess(url, 10);
  const page = (query: string) => () => ({
    path: `/admin/monitoring${query}`,
    headers: {
      accept: 'text/html',
      'accept-language': 'ru',
      cookie: `qyzmet_session=${outcome.session.token}`,
    },
  });
  const health = () => ({ path: '/health' });
  const views = {
    quarter: page(''),
    year: page(`?period=${today.slice(0, 4)}`),
  };
  // The page answers with the region's numbers (not a sign-in redirect or an empty view).
  const probe = await fetch(`${server.url}/admin/monitoring`, { headers: views.quarter().headers });
  const html = await probe.text();
  if (probe.status !== 200 || !html.includes('Акимат района 0')) {
    throw new Error(`the overview did not answer with the region: ${probe.status}`);
  }
  for (const next of [health, views.quarter, views.year])
    await load({ url: server.url, requests: 40, concurrency: CLIENTS, next });
  const runs = { health: [] as number[], quarter: [] as number[], year: [] as number[] };
  const p50 = { quarter: [] as number[], year: [] as number[] };
  const alone = { health: [] as number[], quarter: [] as number[] };
  // The server's CPU per request (ms): hardly moved by what else the machine runs.
  const cpu = { health: [] as number[], quarter: [] as number[], year: [] as number[] };
  let errors = 0;
  let firstError: string | undefined;
  const loads: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, next] of [
      ['health', health],
      ['quarter', views.quarter],
      ['year', views.year],
    ] as const) {
      const cpuBefore = server.cpuMs();
      const result = await load({
        url: server.url,
        requests: REQUESTS,
        concurrency: CLIENTS,
        next,
      });
      cpu[name].push((server.cpuMs() - cpuBefore) / REQUESTS);
      runs[name].push(result.p95Ms);
      if (name !== 'health') p50[name].push(result.p50Ms);
      errors += result.errors;
      firstError ??= result.firstError;
    }
    for (const [name, next] of [
      ['health', health],
      ['quarter', views.quarter],
    ] as const) {
      const result = await load({ url: server.url, requests: ALONE, concurrency: 1, next });
      alone[name].push(result.p95Ms);
      errors += result.errors;
      firstError ??= result.firstError;
    }
    loads.push(Number(os.loadavg()[0]!.toFixed(2)));
  }
  await server.stop();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const round = (value: number) => Math.round(value * 100) / 100;
  const common = {
    baselineName: 'GET /health p95, same server (median of runs)',
    runs: RUNS,
    applications: ROWS,
    providers: seedProviders,
    summaryRows: Number(check.summary_rows),
    overdueNow: Number(check.overdue),
    clients: CLIENTS,
    loadAverage1m: loads,
    loadSeconds: Math.round(loadSeconds),
    errors,
    ...(firstError ? { firstError } : {}),
  };
  report({
    bench: 'monitoring-overview.quarter.p95',
    value: median(runs.quarter),
    unit: 'ms',
    baseline: median(runs.health),
    period: quarter,
    p95Runs: runs.quarter,
    p50Median: median(p50.quarter),
    oneClientP95Median: median(alone.quarter),
    oneClientHealthP95Median: median(alone.health),
    cpuMsPerView: round(median(cpu.quarter)),
    healthCpuMsPerRequest: round(median(cpu.health)),
    healthP95Runs: runs.health,
    goalMs: 100,
    ...common,
  });
  report({
    bench: 'monitoring-overview.year.p95',
    value: median(runs.year),
    unit: 'ms',
    baseline: median(runs.health),
    period: today.slice(0, 4),
    p95Runs: runs.year,
    p50Median: median(p50.year),
    cpuMsPerView: round(median(cpu.year)),
    healthP95Runs: runs.health,
    goalMs: 100,
    ...common,
  });
  if (errors > 0) process.exitCode = 1;
} finally {
  cluster.stop();
}
