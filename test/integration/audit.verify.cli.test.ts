import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../src/features/system/verify-audit-trail.js';
import { openDatabase } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { runCli } from '../support/server.js';

describe(`qyzmet audit verify on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  beforeAll(async () => {
    provisioned = await provisionDatabase();
    const database = await openDatabase(provisioned.database);
    await migrateToLatest(database.db);
    await createOrganisation(database, {
      id: 'wk-school',
      kind: 'school',
      regionCode: 'west-kazakhstan',
    });
    const registry = await createStaff(database, 'wk-school', 'west-kazakhstan', [
      'registry_office',
    ]);
    const services = applicationServices(database, manualClock('2019-04-01T04:00:00Z').now);
    for (const index of [1, 2]) {
      await submitApplication(services, registry, {
        idempotencyKey: `audit-cli-${index}-key`,
        serviceCode: 'duplicates',
        channel: 'provider_office',
        applicantIin: '900101300007',
        providerOrganisationId: 'wk-school',
        fields: { 'applicant-iin': '900101300007' },
      });
    }
    await database.close();
  });
  afterAll(async () => {
    await provisioned?.dispose();
  });

  // One CLI run per test: each starts a process (slow on a busy machine).
  let intact: { isIntact: boolean; rows: number; sealedRows: number; unsealedRows: number };

  it('seals the records committed so far, then passes on a clean log', async () => {
    const clean = await runCli(['audit', 'verify', '--json'], provisioned.env);
    expect(clean.code).toBe(0);
    intact = JSON.parse(clean.stdout) as typeof intact;
    expect(intact).toMatchObject({ isIntact: true, unsealedRows: 0 });
    expect(intact.rows).toBeGreaterThanOrEqual(2);
    expect(intact.sealedRows).toBe(intact.rows);
  });

  it('fails, naming the record, on a log altered behind its back', async () => {
    const database = await openDatabase(provisioned.database);
    const { rows } = await sql<{
      id: number;
      details: string;
    }>`select id, details::text as details from audit_event order by id limit 1`.execute(
      database.db,
    );
    await sql`update audit_event set details = jsonb_set(details, '{number}', '"1999-0000001"') where id = ${rows[0]!.id}`.execute(
      database.db,
    );
    await database.close();

    const tampered = await runCli(['audit', 'verify', '--json'], provisioned.env);
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout)).toEqual({
      isIntact: false,
      rows: intact.rows,
      sealedRows: intact.rows,
      unsealedRows: 0,
      firstBrokenId: rows[0]!.id,
      reason: 'hash_mismatch',
    });

    // Put the record back: intact again.
    const restore = await openDatabase(provisioned.database);
    await sql`update audit_event set details = ${rows[0]!.details}::jsonb where id = ${rows[0]!.id}`.execute(
      restore.db,
    );
    expect(await verifyAuditTrail(restore.db)).toMatchObject({ isIntact: true });
    await restore.close();
  });

  it('fails when the last records were removed (checked against the anchor)', async () => {
    const database = await openDatabase(provisioned.database);
    await sql`delete from audit_event where id = (select max(id) from audit_event)`.execute(
      database.db,
    );
    await database.close();
    const result = await runCli(['audit', 'verify'], provisioned.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('audit trail BROKEN (tail_missing) at record after the last');
    const check = await openDatabase(provisioned.database);
    expect(await verifyAuditTrail(check.db, { seal: false })).toMatchObject({
      isIntact: false,
      firstBrokenId: null,
      reason: 'tail_missing',
    });
    await check.close();
  });
});
