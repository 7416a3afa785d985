import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { startTestServer } from '../support/server.js';

describe(`graceful shutdown on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  beforeAll(async () => {
    provisioned = await provisionDatabase();
  });
  afterAll(async () => {
    await provisioned?.dispose();
  });

  it('finishes an in-flight request, refuses new connections, then closes the database', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const server = await startTestServer(provisioned.database, {
      configureApp: (app) =>
        app.get('/test/slow', async (c) => {
          entered();
          await gate;
          const rows = await c
            .get('deps')
            .database.db.selectFrom('instance')
            .select('started_count')
            .execute();
          return c.json({ finished: true, starts: rows[0]?.started_count });
        }),
    });

    const slow = fetch(`${server.url}/test/slow`);
    await inside;
    const closing = server.close();
    let closed = false;
    void closing.then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();

    release();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true, starts: 1 });
    await closing;
    expect(closed).toBe(true);
  });
});
