// Issue 20 (operations): GET /metrics in the Prometheus text format, scraped from the real
// server with its in-process worker: the latency histogram per route pattern (never the raw
// path), the rounds and last run of every background job, the outbox backlog read from the
// database, and the process metrics of the standard client library. Off unless METRICS_TOKEN
// is set; a wrong token is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { startServer, type RunningServer } from '../../src/cli/server.js';
import { enqueueMessage } from '../../src/storage/outbox.repository.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { parsePrometheusText, samplesOf, type PrometheusScrape } from '../support/prometheus.js';
import { testConfig } from '../support/server.js';

const token = 'metrics-token-0123456789abcdef';

describe(`GET /metrics on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    const base = testConfig(provisioned.database);
    const config = {
      ...base,
      metricsToken: token,
      worker: { ...base.worker, enabled: true, pollMs: 50 },
    };
    server = await startServer(config, createLogger(config));
    url = `http://127.0.0.1:${server.port}`;
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await provisioned?.dispose();
  });

  const scrape = async (): Promise<PrometheusScrape> => {
    const response = await fetch(`${url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return parsePrometheusText(await response.text());
  };

  it('refuses a scrape without the token, or with a wrong one (401, localised)', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${token}`]) {
      const response = await fetch(`${url}/metrics`, {
        headers: { 'accept-language': 'kk', ...(authorization ? { authorization } : {}) },
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unauthenticated');
      expect(body.error.message).toMatch(/[әғқңөұүһі]/i);
    }
  });

  it('counts each request under its route pattern and status class, never its raw path', async () => {
    const before = await scrape();
    const healthCount = (s: PrometheusScrape) =>
      samplesOf(s, 'qyzmet_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/health',
        status: '2xx',
      })[0]?.value ?? 0;
    for (let i = 0; i < 3; i += 1) expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/no-such-route-7f3a`)).status).toBe(404);
    const after = await scrape();
    expect(healthCount(after) - healthCount(before)).toBe(3);
    expect(after.types.get('qyzmet_http_request_duration_seconds')).toBe('histogram');
    const unmatched = samplesOf(after, 'qyzmet_http_request_duration_seconds_count', {
      route: 'unmatched',
      status: '4xx',
    });
    expect(unmatched.reduce((sum, sample) => sum + sample.value, 0)).toBeGreaterThanOrEqual(1);
    const routes = new Set(after.samples.map((sample) => sample.labels.route).filter(Boolean));
    expect([...routes].some((route) => route!.includes('no-such-route'))).toBe(false);
    // A histogram's +Inf bucket equals its count.
    const inf = samplesOf(after, 'qyzmet_http_request_duration_seconds_bucket', {
      route: '/health',
      status: '2xx',
      le: '+Inf',
    });
    expect(inf[0]?.value).toBe(healthCount(after));
  });

  it('reports every background job’s rounds and when it last finished one', async () => {
    let latest = await scrape();
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (samplesOf(latest, 'qyzmet_job_rounds_total', { job: 'deadlines', outcome: 'ok' }).length)
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
      latest = await scrape();
    }
    for (const job of ['outbox', 'deadlines', 'audit-seal', 'limits-purge']) {
      const rounds = samplesOf(latest, 'qyzmet_job_rounds_total', { job, outcome: 'ok' });
      expect(rounds[0]?.value, job).toBeGreaterThanOrEqual(1);
      const last = samplesOf(latest, 'qyzmet_job_last_round_timestamp_seconds', { job });
      expect(Math.abs(Date.now() / 1000 - last[0]!.value), job).toBeLessThan(120);
    }
    expect(samplesOf(latest, 'qyzmet_job_rounds_total', { outcome: 'failed' })).toEqual([]);
  });

  it('reads the outbox backlog from the database at each scrape', async () => {
    const before = samplesOf(await scrape(), 'qyzmet_outbox_pending_messages')[0]!.value;
    const db = server.database.db;
    // Held back (next attempt in 2100), so that the in-process worker does not deliver them;
    // written in one transaction, so that it never sees them due.
    await db.transaction().execute(async (trx) => {
      for (const recipient of ['+77010000001', '+77010000002']) {
        await enqueueMessage(trx, { channel: 'sms', recipient, body: 'test', now: new Date() });
      }
      await trx
        .updateTable('outbox_message')
        .set({ next_attempt_at: new Date('2100-01-01T00:00:00Z') })
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .execute();
    });
    const after = await scrape();
    expect(samplesOf(after, 'qyzmet_outbox_pending_messages')[0]!.value).toBe(before + 2);
    const age = samplesOf(after, 'qyzmet_outbox_oldest_pending_age_seconds')[0]!.value;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(600);
    expect(samplesOf(after, 'qyzmet_database_up')[0]!.value).toBe(1);
    const pool = samplesOf(after, 'qyzmet_database_pool_connections', { state: 'total' });
    if (testBackend === 'postgres') expect(pool[0]!.value).toBeGreaterThanOrEqual(1);
    else expect(pool).toEqual([]);
    // The standard client library's process metrics.
    expect(after.types.get('qyzmet_process_resident_memory_bytes')).toBe('gauge');
    expect(after.types.get('qyzmet_nodejs_eventloop_lag_p99_seconds')).toBe('gauge');
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let provisioned: ProvisionedDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    provisioned = await provisionDatabase();
    const config = testConfig(provisioned.database);
    server = await startServer(config, createLogger(config));
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await provisioned?.dispose();
  });

  it('is off: 404, as if absent, whatever the header says', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
