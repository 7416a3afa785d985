// Old and new code on the read paths, measured alternately on one database (not part of
// `npm run bench`): the read-paths bench's data, one `qyzmet serve` per worktree in ROOTS (each
// built from its own sources), then ROUNDS rounds of /health, the inbox page and the public
// status lookup against each server in turn (the order reversed every other round). Prints
// one JSON line per server and path: the server's CPU and PostgreSQL's CPU per request (from
// `/proc`: the postmaster and its backends), p50 and p95, each round's load average, medians.
//
//   ROOTS=/work/wt/old:/work/wt/new BENCH_ROWS=200000 ROUNDS=3 \
//     NODE_ENV=production node --import tsx bench/compare-read-paths.ts
//
// PROFILE=1 writes a CPU profile of the second server (index 1) to /tmp/compare-read-paths-1;
// PGSS=1 loads pg_stat_statements (with planning times) and prints the costliest statements
// (`plans`: how often each was planned — a prepared statement's generic plan once a connection).
// Loopback only; bounded in requests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { startPostgresCluster } from '../scripts/postgres-cluster.mjs';
import { createApiToken } from '../src/features/api-tokens/create-api-token.js';
import { openDatabase } from '../src/storage/db.js';
import { createOrganisation } from '../test/support/applications.js';
import { freshDatabase } from './support/fresh-database.js';
import { load, type RequestSpec } from './support/http-load.js';
import { insertReadPathRows } from './support/read-path-rows.js';
import { postgresClusterCpuMs, startServerProcess } from './support/server-process.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const ROOTS = (process.env.ROOTS ?? process.cwd()).split(':');
const PROFILE = (process.env.PROFILE ?? '').split(',').filter(Boolean);
const CLIENTS = 8;

const cluster = await startPostgresCluster({
  settings: {
    max_connections: 100,
    shared_buffers: '256MB',
    ...(process.env.PGSS
      ? {
          shared_preload_libraries: 'pg_stat_statements',
          'pg_stat_statements.track_planning': 'on',
        }
      : {}),
  },
});
try {
  // The postmaster and its backends (the servers' pools stay open through each load).
  const databaseCpuMs = () => postgresClusterCpuMs(path.join(cluster.directory, 'data'));
  const { database, url } = await freshDatabase(cluster.url, 2);
  await createOrganisation(database, {
    id: 'org-1',
    kind: 'school',
    regionCode: 'kostanay',
    timeZone: 'Asia/Qostanay',
  });
  // The read-paths bench's rows (bench/read-paths.bench.ts).
  await insertReadPathRows(database.db, ROWS);
  await sql`analyze application`.execute(database.db);
  const { token } = await createApiToken(
    database.db,
    { kind: 'system', id: 'bench' },
    { name: 'bench', organisationId: 'org-1', roles: ['registry_office', 'head'] },
    new Date(),
  );
  await database.close();

  const servers = [];
  for (const [index, root] of ROOTS.entries()) {
    const nodeArgs = PROFILE.includes(String(index))
      ? ['--cpu-prof', `--cpu-prof-dir=/tmp/compare-read-paths-${index}`]
      : [];
    servers.push(
      await startServerProcess(url, 10, { TRUSTED_PROXIES: '127.0.0.1' }, { root, nodeArgs }),
    );
  }
  const lookups = Array.from({ length: 1000 }, (_, index) => {
    const i = 1 + ((index * 997) % ROWS);
    const iin = String(900101300000 + (i % 100000)).padStart(12, '0');
    return `2026-${String(i).padStart(7, '0')}?code=${iin}`;
  });
  // Every status lookup from its own address, across all loads (the per-address limit).
  let address = 0;
  const paths: Record<string, (index: number) => RequestSpec> = {
    health: () => ({ path: '/health' }),
    inbox: (index) => ({
      path: `/api/v1/inbox?limit=${[20, 50][index % 2]}`,
      headers: { authorization: `Bearer ${token}` },
    }),
    status: (index) => {
      const n = (address += 1);
      return {
        path: `/api/v1/public/status/${lookups[index % lookups.length]}`,
        headers: { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
      };
    },
  };
  for (const server of servers)
    for (const next of Object.values(paths))
      await load({ url: server.url, requests: 300, concurrency: CLIENTS, next });

  type Series = { cpu: number[]; database: number[]; p50: number[]; p95: number[]; load: string[] };
  const results = new Map<string, Series>();
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? [...servers.keys()] : [...servers.keys()].reverse();
    for (const [name, next] of Object.entries(paths))
      for (const index of order) {
        const server = servers[index]!;
        const [cpuBefore, databaseBefore] = [server.cpuMs(), databaseCpuMs()];
        const result = await load({
          url: server.url,
          requests: REQUESTS,
          concurrency: CLIENTS,
          next,
        });
        if (result.errors > 0) throw new Error(`${name} on ${ROOTS[index]}: ${result.firstError}`);
        const key = `${name} ${index}`;
        const series = results.get(key) ?? { cpu: [], database: [], p50: [], p95: [], load: [] };
        results.set(key, series);
        series.cpu.push(round3((server.cpuMs() - cpuBefore) / REQUESTS));
        series.database.push(round3((databaseCpuMs() - databaseBefore) / REQUESTS));
        series.p50.push(round3(result.p50Ms));
        series.p95.push(round3(result.p95Ms));
        series.load.push(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!);
      }
  }
  for (const server of servers) await server.stop();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  for (const [key, series] of results) {
    const [path_, index] = key.split(' ');
    console.log(
      JSON.stringify({
        path: path_,
        root: ROOTS[Number(index)],
        rows: ROWS,
        cpuMsMedian: median(series.cpu),
        databaseCpuMsMedian: median(series.database),
        p50MsMedian: median(series.p50),
        p95MsMedian: median(series.p95),
        ...series,
      }),
    );
  }
  if (process.env.PGSS) {
    const handle = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    await sql`create extension if not exists pg_stat_statements`.execute(handle.db);
    const { rows } = await sql<Record<string, unknown>>`
      select calls, plans, round(mean_plan_time::numeric, 3) as plan_ms,
        round(mean_exec_time::numeric, 3) as exec_ms, left(query, 100) as query
      from pg_stat_statements where calls > 100
      order by calls * (mean_plan_time + mean_exec_time) desc limit 8`.execute(handle.db);
    for (const row of rows) console.log(JSON.stringify(row));
    await handle.close();
  }
} finally {
  cluster.stop();
}
