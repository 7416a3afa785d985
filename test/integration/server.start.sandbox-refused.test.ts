// A sandbox installation is never a production one (docs/sandbox.md): SANDBOX=true with
// NODE_ENV=production stops the start with one line (exit 78), and a production start on a
// database that holds sandbox data (a sandbox's instance row, or an application made "as of" a
// past date) is refused the same way, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  recordStart,
  refuseSandboxDataInProduction,
  SandboxDataError,
} from '../../src/features/installation/record-start.js';
import { openDatabase } from '../../src/storage/db.js';
import { holdsSandboxData } from '../../src/storage/instance.repository.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { runCli } from '../support/server.js';

describe('SANDBOX in production', () => {
  it('refuses SANDBOX=true with NODE_ENV=production in one line, exit 78', async () => {
    const result = await runCli(['serve'], { NODE_ENV: 'production', SANDBOX: 'true' });
    expect(result.code).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^qyzmet: Invalid configuration: SANDBOX .*production/);
  });
});

describe(`a production start on sandbox data on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  beforeAll(async () => {
    provisioned = await provisionDatabase();
  });
  afterAll(async () => {
    await provisioned?.dispose();
  });

  it(
    'finds no sandbox data in a fresh database, then refuses a production start after a sandbox one',
    { timeout: 120_000 },
    async () => {
      const handle = await openDatabase(provisioned.database);
      try {
        await migrateToLatest(handle.db);
        await recordStart(handle.db, new Date('2026-12-03T05:00:00Z'));
        expect(await holdsSandboxData(handle.db)).toBe(false);
        await expect(refuseSandboxDataInProduction(handle.db)).resolves.toBeUndefined();
        // A later sandbox start marks the installation for good; a non-sandbox one keeps it.
        const sandbox = await recordStart(handle.db, new Date('2026-12-03T06:00:00Z'), {
          sandbox: true,
        });
        expect(sandbox.sandboxSince?.toISOString()).toBe('2026-12-03T06:00:00.000Z');
        const again = await recordStart(handle.db, new Date('2026-12-03T07:00:00Z'));
        expect(again.sandboxSince?.toISOString()).toBe('2026-12-03T06:00:00.000Z');
        expect(await holdsSandboxData(handle.db)).toBe(true);
        await expect(refuseSandboxDataInProduction(handle.db)).rejects.toBeInstanceOf(
          SandboxDataError,
        );
      } finally {
        await handle.close();
      }
      const result = await runCli(
        ['serve'],
        { ...provisioned.env, NODE_ENV: 'production' },
        75_000,
      );
      expect(result.code).toBe(78);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^qyzmet: the database holds sandbox data/);
      // Refused before its start was recorded.
      const after = await openDatabase(provisioned.database);
      try {
        const row = await after.db
          .selectFrom('instance')
          .select('started_count')
          .executeTakeFirstOrThrow();
        expect(row.started_count).toBe(3);
      } finally {
        await after.close();
      }
    },
  );

  it('finds an application made "as of" a past date as sandbox data', async () => {
    const handle = await openDatabase(provisioned.database);
    try {
      await handle.db.updateTable('instance').set({ sandbox_since: null }).execute();
      expect(await holdsSandboxData(handle.db)).toBe(false);
      await handle.db
        .insertInto('application')
        .values({
          id: '00000000-0000-4000-8000-00000000a501',
          number: '2013-0000001',
          regulation_id: 'south-kazakhstan.archive-certificate.2012-12-26',
          service_code: 'archive-certificate',
          region_code: 'south-kazakhstan',
          channel: 'portal',
          applicant_iin: '850412412016',
          representative_iin: null,
          provider_organisation_id: 'sko-archive',
          front_office_id: null,
          holder_organisation_id: 'sko-archive',
          status: 'received',
          current_step_id: null,
          current_actor: null,
          executor_id: null,
          submitted_at: new Date('2013-03-05T05:00:00Z'),
          step_due_at: null,
          due_at: new Date('2013-03-20T12:00:00Z'),
          ended_at: null,
          version: 1,
          updated_at: new Date('2013-03-05T05:00:00Z'),
          clock_offset_ms: -5022 * 86_400_000,
        })
        .execute();
      expect(await holdsSandboxData(handle.db)).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
