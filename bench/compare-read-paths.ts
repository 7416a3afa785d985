// Old and new code on the read paths, measured alternately on one database (not part of
// `npm run bench`): the read-paths bench's data, one `qyzmet serve` per worktree in ROOTS (each
// built from its own sources), then ROUNDS rounds of /health, the inbox page and the public
// status lookup against each server in turn (the order reversed every other round). Prints
// one JSON line per server and path: the server's CPU and PostgreSQL's CPU per request (from
// `/proc`: the postmaster and its children), p50 and p95, each round's load average, medians.
//
//   ROOTS=/work/wt/old:/work/wt/new BENCH_ROWS=200000 ROUNDS=3 \
//     NODE_ENV=production node --import tsx bench/compare-read-paths.ts
//
// PROFILE=1 writes a CPU profile of the second server (index 1) to /tmp/compare-read-paths-1;
// PGSS=1 loads pg_stat_statements (with planning times) and prints the costliest statements
// (`plans`: how often each was planned — a prepared statement's generic plan once a connection).
// Loopback only; bounded in requests.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { startPostgresCluster } from '../scripts/postgres-cluster.mjs';
import { createApiToken } from '../src/features/api-tokens/create-api-token.js';
import { openDatabase } from '../src/storage/db.js';
import { createOrganisation } from '../test/support/applications.js';
import { freshDatabase } from './support/fresh-database.js';
import { load, type RequestSpec } from './support/http-load.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const ROOTS = (process.env.ROOTS ?? process.cwd()).split(':');
const PROFILE = (process.env.PROFILE ?? '').split(',').filter(Boolean);
const CLIENTS = 8;

/** User + system CPU (ms) of the processes `pids` picks from `/proc/<pid>/stat`. */
function cpuMs(pick: (pid: number, parent: number) => boolean, withChildren = false): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (!pick(Number(entry), Number(fields[1]))) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
    if (withChildren) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks * 10;
}

async function startServer(root: string, url: string, index: number) {
  const nodeArgs = PROFILE.includes(String(index))
    ? ['--cpu-prof', `--cpu-prof-dir=/tmp/compare-read-paths-${index}`]
    : [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(root, 'bin', 'qyzmet.js'), 'serve'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: '10',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        WORKER_ENABLED: 'false',
        DEMO_DATA: 'false',
        TRUSTED_PROXIES: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /"port":(\d+)/.exec(buffer);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server in ${root} exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    cpuMs: () => cpuMs((pid) => pid === child.pid),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

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
  const postmaster = Number(
    readFileSync(path.join(cluster.directory, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const databaseCpuMs = () =>
    cpuMs((pid, parent) => pid === postmaster || parent === postmaster, true);
  const { database, url } = await freshDatabase(cluster.url, 2);
  await createOrganisation(database, {
    id: 'org-1',
    kind: 'school',
    regionCode: 'kostanay',
    timeZone: 'Asia/Qostanay',
  });
  // The read-paths bench's rows (bench/read-paths.bench.ts).
  await sql`
    insert into application (id, number, regulation_id, service_code, region_code, channel, applicant_iin,
      provider_organisation_id, holder_organisation_id, status, current_step_id, current_actor, submitted_at,
      step_due_at, due_at, version, updated_at)
    select gen_random_uuid(), '2026-' || lpad(i::text, 7, '0'), 'national.duplicates.2020-01-01', 'duplicates',
      'kostanay', 'provider_office', lpad((900101300000 + i % 100000)::text, 12, '0'),
      'org-' || (i % 1000), 'org-' || (i % 1000),
      (array['received', 'in_work', 'in_work'])[1 + i % 3],
      (array['register', 'assign', 'review'])[1 + i % 3],
      (array['registry_office', 'head', 'executor'])[1 + i % 3],
      timestamptz '2026-01-01' + (i % 300) * interval '1 day',
      timestamptz '2026-01-02' + (i % 300) * interval '1 day' + (i % 7) * interval '1 hour',
      timestamptz '2026-01-22' + (i % 300) * interval '1 day', 2, now()
    from generate_series(1, ${ROWS}) as i`.execute(database.db);
  await sql`analyze application`.execute(database.db);
  const { token } = await createApiToken(
    database.db,
    { kind: 'system', id: 'bench' },
    { name: 'bench', organisationId: 'org-1', roles: ['registry_office', 'head'] },
    new Date(),
  );
  await database.close();

  const servers = [];
  for (const [index, root] of ROOTS.entries()) servers.push(await startServer(root, url, index));
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
