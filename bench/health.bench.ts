// How much the full stack (Hono, request logging, a database round trip and the
// migration state) costs per request: GET /health on the embedded database, against a
// bare node:http server answering the same JSON, in the same run.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/config/logger.js';
import { startServer } from '../src/cli/server.js';
import { loadGet } from './support/http-load.js';
import { report } from './support/report.js';

const REQUESTS = 4000;
const CONCURRENCY = 16;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-bench-'));
const config = {
  ...loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'production' }),
  http: { port: 0, host: '127.0.0.1', publicUrl: 'http://127.0.0.1' },
  database: { kind: 'pglite' as const, dataDir },
};
const server = await startServer(config, createLogger(config));
const body = JSON.stringify(
  await fetch(`http://127.0.0.1:${server.port}/health`).then((r) => r.json()),
);

const bare = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const barePort = (bare.address() as AddressInfo).port;

// Warm up both, then measure.
await loadGet(`http://127.0.0.1:${server.port}/health`, 500, CONCURRENCY);
await loadGet(`http://127.0.0.1:${barePort}/health`, 500, CONCURRENCY);
const baseline = await loadGet(`http://127.0.0.1:${barePort}/health`, REQUESTS, CONCURRENCY);
const measured = await loadGet(`http://127.0.0.1:${server.port}/health`, REQUESTS, CONCURRENCY);

report({
  bench: 'health.throughput',
  value: measured.perSecond,
  unit: 'requests/s',
  baseline: baseline.perSecond,
  baselineName: 'bare node:http',
  p95Ms: measured.p95Ms,
  errors: measured.errors,
});

await server.close();
await new Promise((resolve) => bare.close(resolve));
fs.rmSync(dataDir, { recursive: true, force: true });
