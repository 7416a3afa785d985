import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { errorTable } from '../../src/http/error-table.js';
import { startServer, type RunningServer } from '../../src/cli/server.js';
import {
  startSimulatorServer,
  type RunningSimulator,
} from '../../src/integrations/simulator/server.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { testConfig } from '../support/server.js';
import { changedTables, snapshotTables } from '../support/table-snapshot.js';

/**
 * Issue 16, resilience suite: the state registries gateway (its simulator, over HTTP on the
 * loopback, as a real endpoint would be) slow, answering 5xx, refusing connections and hung,
 * behind the real server. A registration by one-time code asks the mobile-citizens registry
 * (БМГ) for the IIN's phone. Slow: the request completes. Down or hung: a 503 with the error
 * table's localised message and a Retry-After, within the adapter's bound (3 attempts of 5 s
 * plus backoff), and nothing made — no account, no code, no audit row. After the registry is
 * back, the same request succeeds.
 */
type Locale = 'kk' | 'ru' | 'en';
/** The adapter's worst case: 3 attempts × 5 s timeout + 0.2 s + 0.4 s backoff, and slack. */
const boundMs = 20_000;

describe(`registry gateway down, hung and slow behind the server on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  let registry: RunningSimulator;
  let server: RunningServer & { url: string };
  let iin: string;
  let address = 0;

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    registry = await startSimulatorServer({ control: true });
    iin = registry.simulator.data.mobileCitizens[0]!.iin;
    const base = testConfig(provisioned.database);
    const overrides = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '1',
      REGISTRY_GATEWAY_URL: registry.url,
      // Each request names its own client, so the registration limit (10 an hour per
      // address) does not stand in for the registry's answer.
      TRUSTED_PROXIES: '127.0.0.1',
    });
    const config = {
      ...base,
      registries: overrides.registries,
      trustedProxies: overrides.trustedProxies,
    };
    const running = await startServer(config, createLogger(config));
    server = Object.assign(running, { url: `http://127.0.0.1:${running.port}` });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await registry?.close();
    await provisioned?.dispose();
  });

  const control = (path: string, init?: RequestInit) =>
    fetch(`${registry.url}/__control/${path}`, init);
  const arm = (fault: Record<string, unknown>) =>
    control('faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pathContains: '/mobile-citizens', ...fault }),
    });

  async function register(locale: Locale) {
    address += 1;
    const started = Date.now();
    const response = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': locale,
        'x-forwarded-for': `198.51.100.${address}`,
      },
      body: JSON.stringify({ iin }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await response.json()) as {
      error?: { code: string; message: string; details?: Record<string, unknown> };
    };
    return { response, body, elapsedMs: Date.now() - started };
  }

  /** A refusal because the registry cannot be reached: 503, localised, retryable, in time. */
  async function expectRefusedUnchanged(locale: Locale) {
    const before = await snapshotTables(server.database.db);
    const { response, body, elapsedMs } = await register(locale);
    expect(response.status).toBe(503);
    expect(body.error?.code).toBe('registry_unavailable');
    expect(body.error?.message).toBe(errorTable.registry_unavailable.message[locale]);
    expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(elapsedMs).toBeLessThan(boundMs);
    expect(changedTables(before, await snapshotTables(server.database.db))).toEqual([]);
    return { elapsedMs, body };
  }

  async function expectRegistered() {
    const { response, elapsedMs } = await register('ru');
    expect(response.status).toBe(202);
    return elapsedMs;
  }

  it('completes when the registry is slow (within the timeout)', async () => {
    await arm({ mode: 'delay', delayMs: 1_500 });
    const elapsedMs = await expectRegistered();
    expect(elapsedMs).toBeGreaterThanOrEqual(1_500);
    await control('faults', { method: 'DELETE' });
  });

  it('refuses, localised and retryable, while the registry answers 5xx, then recovers', async () => {
    await arm({ mode: 'fail', status: 503 });
    await expectRefusedUnchanged('kk');
    await control('faults', { method: 'DELETE' });
    await expectRegistered();
  });

  it('refuses while the registry refuses connections, then recovers on the same address', async () => {
    const port = registry.port;
    await registry.close();
    try {
      await expectRefusedUnchanged('en');
    } finally {
      registry = await startSimulatorServer({ control: true, port });
    }
    await expectRegistered();
  });

  it('gives up on a hung registry within the bound; then the open circuit refuses at once', async () => {
    await arm({ mode: 'delay', delayMs: 120_000 });
    const hung = await Promise.all([expectRefusedUnchanged('ru'), expectRefusedUnchanged('kk')]);
    for (const { elapsedMs, body } of hung) {
      // It waited for the timeouts (not an immediate refusal) and no longer than the bound.
      expect(elapsedMs).toBeGreaterThanOrEqual(5_000);
      expect(body.error?.details).toMatchObject({ reason: 'timeout' });
    }
    const open = await expectRefusedUnchanged('en');
    expect(open.elapsedMs).toBeLessThan(2_000);
    expect(open.body.error?.details).toMatchObject({ reason: 'circuit_open' });
    await control('faults', { method: 'DELETE' });
  }, 90_000);
});
