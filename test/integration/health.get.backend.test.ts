import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { startTestServer } from '../support/server.js';

describe(`GET /health on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    server = await startTestServer(provisioned.database);
  });
  afterAll(async () => {
    await server?.close();
    await provisioned?.dispose();
  });

  it('reports the backend and that every migration is applied', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'ok',
      database: testBackend,
      migrations: { pending: [], latest: expect.any(String) },
    });
    expect((body.migrations as { applied: number }).applied).toBeGreaterThan(0);
  });

  it('echoes a well-formed request id and replaces a malformed one', async () => {
    const kept = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await fetch(`${server.url}/health`, {
      headers: { 'x-request-id': 'bad id <script>' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['kk', 'Сұралған жазба табылмады.'],
    ['ru-RU,ru;q=0.9', 'Запрошенная запись не найдена.'],
    ['en', 'The requested record was not found.'],
  ])('answers an unknown path with a localised 404 (%s)', async (language, message) => {
    const response = await fetch(`${server.url}/no-such-page`, {
      headers: { 'accept-language': language },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message } });
  });
});
