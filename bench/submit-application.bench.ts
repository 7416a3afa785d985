// Submitting an application end to end over HTTP (parse, validate the form, pick the regulation,
// number it, persist the submission + automatic steps + audit rows + notification, answer) at 64
// concurrent clients on a PostgreSQL server, against the same machine's pgbench TPC-B tps on
// the same server in the same run. Goal (product.md): ratio ≥ 0.5, p95 ≤ 50 ms.
import { join } from 'node:path';
import { startPostgresCluster } from '../scripts/postgres-cluster.mjs';
import { createApiToken } from '../src/features/api-tokens/create-api-token.js';
import { generateIin } from '../src/domain/identity/identity-number-generator.js';
import { createOrganisation } from '../test/support/applications.js';
import { load } from './support/http-load.js';
import { measurePgbenchTps } from './support/pgbench.js';
import { freshDatabase } from './support/fresh-database.js';
import { report } from './support/report.js';
import { postgresClusterCpuMs, startServerProcess } from './support/server-process.js';

const CLIENTS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);

const cluster = await startPostgresCluster({ settings: { max_connections: 200 } });
const dataDirectory = join(cluster.directory, 'data');
try {
  const tps = measurePgbenchTps(cluster, CLIENTS, SECONDS);

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
  await database.close();

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
  await load({ url: target, requests: 300, concurrency: CLIENTS, next: request });
  // The CPU each process spent on the measured load, per submission (ms): the server's is what
  // one process can serve at most (1000 / it, per core), and unlike a latency it hardly moves with
  // what else the machine runs; PostgreSQL and the load generator share the same cores.
  const serverCpuBefore = server.cpuMs();
  const postgresCpuBefore = postgresClusterCpuMs(dataDirectory);
  const loadCpuBefore = process.cpuUsage();
  const measured = await load({
    url: target,
    requests: REQUESTS,
    concurrency: CLIENTS,
    next: request,
  });
  const serverCpuMs = server.cpuMs() - serverCpuBefore;
  const postgresCpuMs = postgresClusterCpuMs(dataDirectory) - postgresCpuBefore;
  const loadCpu = process.cpuUsage(loadCpuBefore);
  await server.stop();

  report({
    bench: 'submit.throughput',
    value: measured.perSecond,
    unit: 'submissions/s',
    baseline: tps,
    baselineName: `pgbench TPC-B tps, ${CLIENTS} clients, PostgreSQL ${cluster.version}`,
    p50Ms: measured.p50Ms,
    p95Ms: measured.p95Ms,
    errors: measured.errors,
    ...(measured.firstError ? { firstError: measured.firstError } : {}),
    clients: CLIENTS,
    cpuMsPerSubmission: round(serverCpuMs / REQUESTS),
    postgresCpuMsPerSubmission: round(postgresCpuMs / REQUESTS),
    loadCpuMsPerSubmission: round((loadCpu.user + loadCpu.system) / 1000 / REQUESTS),
  });
} finally {
  cluster.stop();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
