import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { composeApp } from '../../src/cli/compose.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, manualClock } from '../support/applications.js';
import { createTestDatabase } from '../support/database.js';

/**
 * Issue 16, defect 10: JSON API answers (personal data) had no Cache-Control: no-store and no
 * X-Content-Type-Options; production behind https had no HSTS.
 */
describe('response security headers', () => {
  let database: DatabaseHandle;
  const appFor = (config: Config) => {
    const clock = manualClock('2026-03-02T09:00:00+05:00');
    return composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      applications: applicationServices(database, clock.now),
    });
  };
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('every /api answer is no-store and nosniff: success, refusal, not found', async () => {
    const app = appFor(base);
    for (const [path, init] of [
      ['/api/v1/regulations', {}],
      ['/api/v1/inbox', {}],
      ['/api/auth/session', {}],
      ['/api/v1/no-such-route', {}],
      [
        '/api/auth/login',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' },
      ],
    ] as const) {
      const response = await app.request(path, init);
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    // The pages keep their own set.
    const page = await app.request('/', { headers: { accept: 'text/html' } });
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect((await app.request('/health')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('production behind https adds HSTS to every answer; plain http does not', async () => {
    const https = appFor({
      ...base,
      env: 'production',
      http: { ...base.http, publicUrl: 'https://qyzmet.example.kz' },
    });
    for (const path of ['/api/v1/regulations', '/health', '/']) {
      const response = await https.request(path, { headers: { accept: 'text/html' } });
      expect(response.headers.get('strict-transport-security'), path).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
    const plain = appFor({
      ...base,
      env: 'production',
      http: { ...base.http, publicUrl: 'http://10.0.0.5:3000' },
    });
    expect((await plain.request('/health')).headers.get('strict-transport-security')).toBeNull();
  });
});
