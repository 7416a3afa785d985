// The kindergarten queue's public position lookup (issue 19: "position lookup p95 with 100,000
// children queued"), over HTTP on a PostgreSQL server, against GET /health (an HTTP round trip
// with one trivial query) in the same run. 100,000 children wait in the four district queues of
// a city (the lookup counts the children ahead in the child's own district: a larger district
// is the harder case), a sixth of them with a primary or extraordinary right. The lookup is
// rate-limited per client address (60 a minute): the load comes from many citizens, so each
// request carries its own address through a trusted local proxy (TRUSTED_PROXIES), as a
// deployment behind a reverse proxy sees them.
import { sql } from 'kysely';
import { startPostgresCluster } from '../scripts/postgres-cluster.mjs';
import { load } from './support/http-load.js';
import { freshDatabase } from './support/fresh-database.js';
import { report } from './support/report.js';
import { startServerProcess } from './support/server-process.js';

const CHILDREN = Number(process.env.BENCH_ROWS ?? 100_000);
const DISTRICTS = 4;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CLIENTS = 8;
const RUNS = 3;

/** The slip number of child i, as printed (Q-XXXX-XXXX-XX). */
const slip = (i: number) => {
  const digits = String(i).padStart(10, '0');
  return `Q-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
};

const cluster = await startPostgresCluster({
  settings: { max_connections: 100, shared_buffers: '256MB' },
});
try {
  const { database, url } = await freshDatabase(cluster.url, 2);
  const started = performance.now();
  await sql`
    insert into queue_registration (number, region, district, child_iin, parent_iin, birth_date,
      category, privilege, rank_category, registered_at, preferred, language, desired_start, status)
    select
      'Q-' || substr(lpad(i::text, 10, '0'), 1, 4) || '-' || substr(lpad(i::text, 10, '0'), 5, 4)
        || '-' || substr(lpad(i::text, 10, '0'), 9, 2),
      'south-kazakhstan', 'bench-district-' || (i % ${DISTRICTS}),
      lpad((200101500000 + i)::text, 12, '0'), lpad((850101300000 + i % 70000)::text, 12, '0'),
      date '2020-01-01' + (i % 1800),
      (array['general', 'general', 'general', 'general', 'primary', 'extraordinary'])[1 + i % 6],
      (array['none', 'none', 'none', 'none', 'confirmed', 'confirmed'])[1 + i % 6],
      (array[2, 2, 2, 2, 1, 0])[1 + i % 6],
      timestamptz '2020-01-01 09:00+05' + (i * 1237 % 2500000) * interval '1 minute',
      '[]'::jsonb, (array['kk', 'ru'])[1 + i % 2], date '2022-09-01',
      (array['waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting',
        'waiting', 'waiting', 'enrolled'])[1 + i % 10]
    from generate_series(1, ${CHILDREN}) as i`.execute(database.db);
  await sql`analyze queue_registration`.execute(database.db);
  const loadSeconds = (performance.now() - started) / 1000;
  await database.close();

  const server = await startServerProcess(url, 10, { TRUSTED_PROXIES: '127.0.0.1' });
  // Each request from its own citizen's address (10.x.y.z): the per-address limit is not the
  // thing measured.
  const from = (index: number) => ({
    'x-forwarded-for': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
  });
  // Waiting children spread over the whole queue (i % 10 ≠ 0 are waiting).
  const numbers = Array.from({ length: 1000 }, (_, index) => slip(1 + ((index * 997) % CHILDREN)));
  let sent = 0;
  const health = () => ({ path: '/health' });
  const position = (index: number) => ({
    path: `/queue/position?number=${numbers[index % numbers.length]}&lang=ru`,
    headers: from((sent += 1)),
  });
  for (const next of [health, position])
    await load({ url: server.url, requests: 200, concurrency: CLIENTS, next });
  const baselines: number[] = [];
  const lookups: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let p50 = 0;
  for (let run = 0; run < RUNS; run += 1) {
    baselines.push(
      (await load({ url: server.url, requests: REQUESTS, concurrency: CLIENTS, next: health }))
        .p95Ms,
    );
    const result = await load({
      url: server.url,
      requests: REQUESTS,
      concurrency: CLIENTS,
      next: position,
    });
    lookups.push(result.p95Ms);
    errors += result.errors;
    firstError ??= result.firstError;
    p50 = result.p50Ms;
  }
  await server.stop();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  report({
    bench: 'queue-position.p95',
    value: median(lookups),
    unit: 'ms',
    baseline: median(baselines),
    baselineName: 'GET /health p95, same server (median of runs)',
    runs: RUNS,
    p95Runs: lookups,
    lastP50Ms: p50,
    errors,
    ...(firstError ? { firstError } : {}),
    children: CHILDREN,
    districts: DISTRICTS,
    clients: CLIENTS,
    loadSeconds: Math.round(loadSeconds),
  });
  if (errors > 0) process.exitCode = 1;
} finally {
  cluster.stop();
}
