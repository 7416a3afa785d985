// The read paths staff and the public hit most, with 1,000,000 applications in a PostgreSQL
// server: a role inbox page (goal p95 ≤ 20 ms) and the public status lookup by number (goal
// p95 ≤ 10 ms), over HTTP, against GET /health (an HTTP round trip with one trivial query) in
// the same run. The rows are projections written by SQL (the inbox reads only the projection);
// 1,000 organisations hold about 1,000 open applications each. The public lookup is limited per
// client address (a citizen's browser): each request carries its own address through a trusted
// local proxy (TRUSTED_PROXIES), as the citizens behind a region's reverse proxy do.
import { sql } from 'kysely';
import { startPostgresCluster } from '../scripts/postgres-cluster.mjs';
import { createApiToken } from '../src/features/api-tokens/create-api-token.js';
import { createOrganisation } from '../test/support/applications.js';
import { load } from './support/http-load.js';
import { insertReadPathRows } from './support/read-path-rows.js';
import { freshDatabase } from './support/fresh-database.js';
import { report } from './support/report.js';
import { startServerProcess } from './support/server-process.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CLIENTS = 8;

const cluster = await startPostgresCluster({
  settings: { max_connections: 100, shared_buffers: '256MB' },
});
try {
  const { database, url } = await freshDatabase(cluster.url, 2);
  await createOrganisation(database, {
    id: 'org-1',
    kind: 'school',
    regionCode: 'kostanay',
    timeZone: 'Asia/Qostanay',
  });
  const started = performance.now();
  await insertReadPathRows(database.db, ROWS);
  await sql`analyze application`.execute(database.db);
  const loadSeconds = (performance.now() - started) / 1000;
  const { token } = await createApiToken(
    database.db,
    { kind: 'system', id: 'bench' },
    { name: 'bench', organisationId: 'org-1', roles: ['registry_office', 'head'] },
    new Date(),
  );
  await database.close();

  const server = await startServerProcess(url, 10, { TRUSTED_PROXIES: '127.0.0.1' });
  const auth = { authorization: `Bearer ${token}` };
  // A lookup proves it may see the status with the applicant's IIN (or the receipt's check
  // code): the IIN the insert above gave application i.
  const lookups = Array.from({ length: 1000 }, (_, index) => {
    const i = 1 + ((index * 997) % ROWS);
    const iin = String(900101300000 + (i % 100000)).padStart(12, '0');
    return `2026-${String(i).padStart(7, '0')}?code=${iin}`;
  });
  const health = () => ({ path: '/health' });
  const inbox = (index: number) => ({
    path: `/api/v1/inbox?limit=${[20, 50][index % 2]}`,
    headers: auth,
  });
  const status = (index: number) => ({
    path: `/api/v1/public/status/${lookups[index % lookups.length]}`,
    headers: {
      'x-forwarded-for': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
    },
  });
  for (const next of [health, inbox, status])
    await load({ url: server.url, requests: 200, concurrency: CLIENTS, next });
  // Each load with the server's CPU per request it cost (ms): a measure that hardly moves with
  // what else the machine runs, unlike the latencies.
  const measured = async (next: Parameters<typeof load>[0]['next']) => {
    const cpuBefore = server.cpuMs();
    const result = await load({ url: server.url, requests: REQUESTS, concurrency: CLIENTS, next });
    return { ...result, cpuMsPerRequest: (server.cpuMs() - cpuBefore) / REQUESTS };
  };
  const baseline = await measured(health);
  const inboxResult = await measured(inbox);
  const statusResult = await measured(status);
  await server.stop();

  const common = {
    baselineName: 'GET /health p95, same server',
    rows: ROWS,
    clients: CLIENTS,
    loadSeconds: Math.round(loadSeconds),
    baselineCpuMsPerRequest: round(baseline.cpuMsPerRequest),
  };
  report({
    bench: 'inbox.page.p95',
    value: inboxResult.p95Ms,
    unit: 'ms',
    baseline: baseline.p95Ms,
    p50Ms: inboxResult.p50Ms,
    cpuMsPerRequest: round(inboxResult.cpuMsPerRequest),
    errors: inboxResult.errors,
    ...(inboxResult.firstError ? { firstError: inboxResult.firstError } : {}),
    ...common,
  });
  report({
    bench: 'public-status.p95',
    value: statusResult.p95Ms,
    unit: 'ms',
    baseline: baseline.p95Ms,
    p50Ms: statusResult.p50Ms,
    cpuMsPerRequest: round(statusResult.cpuMsPerRequest),
    errors: statusResult.errors,
    ...(statusResult.firstError ? { firstError: statusResult.firstError } : {}),
    ...common,
  });
} finally {
  cluster.stop();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
