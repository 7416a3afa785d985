import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.js';
import { findInstance } from '../../src/storage/instance.repository.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { startTestServer } from '../support/server.js';

describe(`server restart on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  beforeAll(async () => {
    provisioned = await provisionDatabase();
  });
  afterAll(async () => {
    await provisioned?.dispose();
  });

  it('keeps what was written before the restart', async () => {
    const firstStart = new Date('2026-03-02T04:00:00Z');
    const first = await startTestServer(provisioned.database, { now: () => firstStart });
    const before = await findInstance(first.database.db);
    await first.close();

    const second = await startTestServer(provisioned.database, {
      now: () => new Date('2026-03-03T04:00:00Z'),
    });
    const after = await findInstance(second.database.db);
    const health = await fetch(`${second.url}/health`).then(
      (r) => r.json() as Promise<{ migrations: { pending: string[] } }>,
    );
    await second.close();

    expect(before).toMatchObject({ startedCount: 1, lastStartedAt: firstStart });
    expect(after?.installationId).toBe(before?.installationId);
    expect(after?.createdAt).toEqual(before?.createdAt);
    expect(after).toMatchObject({
      startedCount: 2,
      lastStartedAt: new Date('2026-03-03T04:00:00Z'),
    });
    expect(health.migrations.pending).toEqual([]);
  });

  it('has really closed the database after close()', async () => {
    // Opening the same data again succeeds only if the server released it (PGlite's lock file).
    const database = await openDatabase(provisioned.database);
    const instance = await findInstance(database.db);
    await database.close();
    expect(instance?.startedCount).toBe(2);
  });
});
