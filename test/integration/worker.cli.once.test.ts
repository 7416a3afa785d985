import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { enqueueMessage } from '../../src/storage/outbox.repository.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { runCli } from '../support/server.js';

describe(`qyzmet worker on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    const handle = await openDatabase(provisioned.database);
    try {
      await migrateToLatest(handle.db);
      await handle.db.transaction().execute((trx) =>
        enqueueMessage(trx, {
          channel: 'sms',
          recipient: '+77010000301',
          body: 'test',
          now: new Date('2020-01-01T00:00:00Z'),
        }),
      );
    } finally {
      await handle.close();
    }
  });
  afterAll(async () => {
    await provisioned?.dispose();
  });

  it('--once runs every job one time, delivers the due message and exits', async () => {
    const result = await runCli(['worker', '--once'], provisioned.env, 60_000);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      outbox: 1,
      deadlines: 0,
      'front-office-storage': 0,
      // No offer, referral or privilege of the kindergarten queue is due.
      'preschool-queue': 0,
      // Nothing expired among the rate limits and sign-in throttles of a fresh database.
      'limits-purge': 0,
      // The delivery's audit row, chained by the sealer that runs after it.
      'audit-seal': 1,
      // No application was written, so no quality indicator moved (issue 20).
      monitoring: 0,
      // The signed chain head exported outside the database (issue 16, defect 8).
      'audit-head-export': 1,
    });
    const handle = await openDatabase(provisioned.database);
    try {
      const row = await handle.db
        .selectFrom('outbox_message')
        .select(['delivered_at', 'attempts'])
        .executeTakeFirstOrThrow();
      expect(row.attempts).toBe(1);
      expect(row.delivered_at).toBeInstanceOf(Date);
    } finally {
      await handle.close();
    }
  });

  it('rejects an unknown argument with its usage', async () => {
    const result = await runCli(['worker', '--forever'], provisioned.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: qyzmet worker');
  });
});
