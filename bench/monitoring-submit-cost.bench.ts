// What keeping the quality indicators costs a submit (issue 20: "the cost added to a submit by
// keeping the aggregates, ratio to the submit benchmark without them"). The submit of
// submit-application.bench.ts (over HTTP, 64 concurrent clients, PostgreSQL server) in three
// variants on the same server and database, interleaved RUNS times (the order alternating),
// median of each:
//
// - without: the trigger `application_monitoring_dirty` disabled (ALTER TABLE … DISABLE
//   TRIGGER) — the same code path minus the aggregate work; the indicators would not move;
// - marked: the trigger on, as deployed: each write of `application` appends a mark to
//   `monitoring_dirty` in its own statement — all a submit itself pays (docs/monitoring.md);
// - maintained: the trigger on and the `monitoring` job draining the marks beside the load as
//   the worker does (every WORKER_POLL_MS = 1 s, rounds of 200 until none is left; its own
//   process on the same machine and database, bench/support/monitoring-job.ts), folding each
//   new application's log into the summary table — the whole cost on a machine that serves and
//   aggregates at once.
//
// Before each variant the marks left over are drained outside the timed window, so the job
// folds only its own run's submissions.
import { sql } from 'kysely';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { startPostgresCluster } from '../scripts/postgres-cluster.mjs';
import { generateIin } from '../src/domain/identity/identity-number-generator.js';
import { createApiToken } from '../src/features/api-tokens/create-api-token.js';
import { refreshAllIndicators } from '../src/features/monitoring/refresh-indicators.js';
import { fromRoot } from '../src/config/paths.js';
import { applicationServices, createOrganisation } from '../test/support/applications.js';
import { load, type LoadResult } from './support/http-load.js';
import { freshDatabase } from './support/fresh-database.js';
import { report } from './support/report.js';
import { startServerProcess } from './support/server-process.js';

const CLIENTS = 64;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const cluster = await startPostgresCluster({ settings: { max_connections: 200 } });
try {
  const { database, url } = await freshDatabase(cluster.url, 4);
  await createOrganisation(database, {
    id: 'bench-school',
    kind: 'school',
    regionCode: 'kostanay',
    timeZone: 'Asia/Qostanay',
  });
  await createOrganisation(database, {
    id: 'bench-front-office',
    kind: 'front_office',
    regionCode: 'kostanay',
    timeZone: 'Asia/Qostanay',
  });
  const { token } = await createApiToken(
    database.db,
    { kind: 'system', id: 'bench' },
    { name: 'bench', organisationId: 'bench-school', roles: ['registry_office'] },
    new Date(),
  );
  const services = applicationServices(database, () => new Date());
  const setTrigger = (on: boolean) =>
    sql`alter table application ${sql.raw(on ? 'enable' : 'disable')}
      trigger application_monitoring_dirty`.execute(database.db);
  const marks = async () =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from monitoring_dirty`.execute(database.db))
        .rows[0]!.n,
    );

  const server = await startServerProcess(url, 20);
  const iins = Array.from({ length: 500 }, (_, index) => generateIin('1990-01-01', 'male', index));
  const request = (index: number) => ({
    method: 'POST' as const,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `bench-${process.pid}-${index}-${Math.random().toString(36).slice(2)}`,
    },
    body: JSON.stringify({
      serviceCode: 'duplicates',
      channel: 'provider_office',
      applicantIin: iins[index % iins.length],
      providerOrganisationId: 'bench-school',
      fields: {
        'applicant-iin': iins[index % iins.length],
        'document-status': 'lost',
        'name-changed': 'no',
        'result-front-office': 'bench-front-office',
      },
    }),
  });
  const target = `${server.url}/api/v1/applications`;
  const submit = () =>
    load({ url: target, requests: REQUESTS, concurrency: CLIENTS, next: request });

  /** The worker's monitoring job, in its own process, while `during` runs. */
  const withJob = async (during: () => Promise<LoadResult>) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fromRoot('bench', 'support', 'monitoring-job.ts')],
      {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => output.includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the monitoring job exited with ${code}`)));
    });
    const result = await during();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const applications = (
      JSON.parse(output.split('\n').filter(Boolean).at(-1)!) as { applications: number }
    ).applications;
    return { result, applications };
  };

  await load({ url: target, requests: 300, concurrency: CLIENTS, next: request });
  await refreshAllIndicators(services);
  const variants = ['without', 'marked', 'maintained'] as const;
  const results = Object.fromEntries(variants.map((name) => [name, [] as LoadResult[]])) as Record<
    (typeof variants)[number],
    LoadResult[]
  >;
  const marked: number[] = [];
  const folded: number[] = [];
  const loads: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // Alternate the order (the machine's load drifts): without, marked, maintained, then back.
    const order = run % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      await refreshAllIndicators(services);
      await setTrigger(variant !== 'without');
      const before = await marks();
      if (variant === 'maintained') {
        const maintained = await withJob(submit);
        results.maintained.push(maintained.result);
        folded.push(maintained.applications);
      } else {
        results[variant].push(await submit());
        const made = (await marks()) - before;
        if (variant === 'without' && made !== 0) {
          throw new Error('the trigger was off, yet marks were made');
        }
        if (variant === 'marked') marked.push(made);
      }
    }
    loads.push(Number(os.loadavg()[0]!.toFixed(2)));
  }
  await server.stop();
  await database.close();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const throughput = (name: (typeof variants)[number]) =>
    median(results[name].map((result) => result.perSecond));
  const p95 = (name: (typeof variants)[number]) =>
    median(results[name].map((result) => result.p95Ms));
  const errors = variants.reduce(
    (sum, name) => sum + results[name].reduce((all, result) => all + result.errors, 0),
    0,
  );
  const firstError = variants
    .flatMap((name) => results[name])
    .find((result) => result.firstError)?.firstError;
  const common = {
    baselineName: 'the same submit with the marking trigger disabled (median of runs)',
    runs: RUNS,
    requestsPerRun: REQUESTS,
    clients: CLIENTS,
    withoutPerSecondRuns: results.without.map((result) => Math.round(result.perSecond)),
    withoutP95Median: p95('without'),
    loadAverage1m: loads,
    errors,
    ...(firstError ? { firstError } : {}),
  };
  report({
    bench: 'submit.monitoring-marked.throughput',
    value: throughput('marked'),
    unit: 'submissions/s',
    baseline: throughput('without'),
    perSecondRuns: results.marked.map((result) => Math.round(result.perSecond)),
    p95Median: p95('marked'),
    marksPerRun: marked,
    ...common,
  });
  report({
    bench: 'submit.monitoring-maintained.throughput',
    value: throughput('maintained'),
    unit: 'submissions/s',
    baseline: throughput('without'),
    perSecondRuns: results.maintained.map((result) => Math.round(result.perSecond)),
    p95Median: p95('maintained'),
    applicationsFoldedPerRun: folded,
    ...common,
  });
  if (errors > 0) process.exitCode = 1;
} finally {
  cluster.stop();
}
