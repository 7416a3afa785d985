import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStart } from '../../src/features/installation/record-start.js';
import { useInstallationKeys } from '../../src/features/installation/use-installation-keys.js';
import type { Database } from '../../src/storage/db.js';
import { verifyAuditTrail } from '../../src/features/audit/verify-audit-trail.js';
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

/** Tampers as the tables' owner: the append-only triggers (migration 0101) switched off. */
async function asOwner(db: Database, tamper: (trx: Database) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_event disable trigger user`.execute(trx);
    await tamper(trx);
    await sql`alter table audit_event enable trigger user`.execute(trx);
  });
}

describe(`qyzmet audit verify on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  let env: Record<string, string>;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-audit-cli-'));
  const anchorDirectory = path.join(scratch, 'anchors');
  beforeAll(async () => {
    provisioned = await provisionDatabase();
    env = {
      ...provisioned.env,
      PKI_DIR: path.join(scratch, 'pki'),
      AUDIT_ANCHOR_DIR: anchorDirectory,
    };
    const database = await openDatabase(provisioned.database);
    await migrateToLatest(database.db);
    // As the server does at its start: the installation's keys, so every row carries a MAC.
    const instance = await recordStart(database.db, new Date('2019-04-01T04:00:00Z'));
    await useInstallationKeys(env.PKI_DIR!, instance.installationId, new Date());
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
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  // One CLI run per test: each starts a process (slow on a busy machine).
  let intact: { isIntact: boolean; rows: number; sealedRows: number; unsealedRows: number };
  let coverage: Record<string, unknown>;
  let headFile: string;

  it('seals the records committed so far, then passes on a clean log', async () => {
    const clean = await runCli(['audit', 'verify', '--json'], env);
    expect(clean.code).toBe(0);
    intact = JSON.parse(clean.stdout) as typeof intact;
    expect(intact).toMatchObject({
      isIntact: true,
      unsealedRows: 0,
      macsChecked: true,
      coverage: { applicationEventsWithoutAudit: 0, documentsWithoutAudit: 0 },
    });
    coverage = (intact as unknown as { coverage: Record<string, unknown> }).coverage;
    expect(intact.rows).toBeGreaterThanOrEqual(2);
    expect(intact.sealedRows).toBe(intact.rows);
  });

  it('exports the signed head, and verify --against it holds', async () => {
    const exported = await runCli(['audit', 'export-head', '--json'], env);
    expect(exported.code).toBe(0);
    headFile = (JSON.parse(exported.stdout) as { file: string }).file;
    expect(path.dirname(headFile)).toBe(anchorDirectory);
    const checked = await runCli(['audit', 'verify', '--against', headFile], env);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/^audit trail intact: \d+ records .*MACs checked\)/m);
    expect(checked.stdout).toContain(`exported head ${headFile}: held at position`);
  });

  it('fails, naming the record, on a log altered behind its back', async () => {
    const database = await openDatabase(provisioned.database);
    const { rows } = await sql<{
      id: number;
      details: string;
    }>`select id, details::text as details from audit_event order by id limit 1`.execute(
      database.db,
    );
    await asOwner(database.db, (trx) =>
      sql`update audit_event set details = jsonb_set(details, '{number}', '"1999-0000001"') where id = ${rows[0]!.id}`.execute(
        trx,
      ),
    );
    await database.close();

    const tampered = await runCli(['audit', 'verify', '--json'], env);
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout)).toEqual({
      isIntact: false,
      rows: intact.rows,
      sealedRows: intact.rows,
      unsealedRows: 0,
      macsChecked: true,
      coverage,
      firstBrokenId: rows[0]!.id,
      reason: 'hash_mismatch',
    });

    // Put the record back: intact again.
    const restore = await openDatabase(provisioned.database);
    await asOwner(restore.db, (trx) =>
      sql`update audit_event set details = ${rows[0]!.details}::jsonb where id = ${rows[0]!.id}`.execute(
        trx,
      ),
    );
    expect(await verifyAuditTrail(restore.db)).toMatchObject({ isIntact: true });
    await restore.close();
  });

  it('fails when the last records were removed (checked against the anchor and the exported head)', async () => {
    const database = await openDatabase(provisioned.database);
    await asOwner(database.db, (trx) =>
      sql`delete from audit_event where id = (select max(id) from audit_event)`.execute(trx),
    );
    await database.close();
    const result = await runCli(['audit', 'verify', '--against', headFile], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('audit trail BROKEN (tail_missing) at record after the last');
    expect(result.stdout).toContain(`exported head ${headFile}: NOT HELD (head_position_missing)`);
    const check = await openDatabase(provisioned.database);
    expect(await verifyAuditTrail(check.db, { seal: false })).toMatchObject({
      isIntact: false,
      firstBrokenId: null,
      reason: 'tail_missing',
    });
    await check.close();
  });
});
