import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';

/**
 * Issue 21: the engine's one write per command is kept prepared on each PostgreSQL connection
 * (`keepPrepared`, storage/db.ts) — parsed and planned once, then executed for every
 * submission of the same shape; a retry that its receipt refuses leaves the statement usable.
 */
describe(`the engine write kept prepared on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    // One connection: the session whose prepared statements are read below.
    handle = await openDatabase(
      provisioned.database.kind === 'postgres'
        ? { ...provisioned.database, poolSize: 1 }
        : provisioned.database,
    );
    await migrateToLatest(handle.db);
    await createOrganisation(handle, { id: 'ps-school', kind: 'school', regionCode: 'kostanay' });
  });
  afterAll(async () => {
    await handle?.close();
    await provisioned?.dispose();
  });

  it('submits through one prepared statement, a retry included', async () => {
    const registry = await createStaff(handle, 'ps-school', 'kostanay', ['registry_office']);
    const services = applicationServices(handle, manualClock('2019-04-01T04:00:00Z').now);
    const submit = (index: number) =>
      submitApplication(services, registry, {
        idempotencyKey: `prepared-${index}-key`,
        serviceCode: 'duplicates',
        channel: 'provider_office',
        applicantIin: '900101300007',
        providerOrganisationId: 'ps-school',
        fields: { 'applicant-iin': '900101300007' },
      });
    const results = [];
    for (let index = 0; index < 3; index += 1) results.push(await submit(index));
    expect(new Set(results.map((result) => result.number)).size).toBe(3);
    // The same key again: the receipt's key refuses the statement, the first answer comes back.
    expect(await submit(1)).toEqual(results[1]);
    const fourth = await submit(3);
    expect(fourth.number).not.toBe(results[2]!.number);

    if (testBackend !== 'postgres') return;
    const { rows } = await sql<{ name: string; statement: string; executions: number }>`
      select name, statement, (generic_plans + custom_plans)::int4 as executions
      from pg_prepared_statements where statement like '%select count(*)::int4 as changed from target'`.execute(
      handle.db,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toMatch(/^qyzmet_\d+$/);
    // Three submissions, the refused retry and the fourth: five executions of one statement.
    expect(rows[0]!.executions).toBe(5);
  });
});
