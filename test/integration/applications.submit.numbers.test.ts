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
 * Numbers are taken from the sequence in blocks per database handle: two handles (two server
 * processes on PostgreSQL; one on the single-connection embedded database) submitting at once
 * still never share a number, and a retried submission keeps its first number.
 */
describe(`application numbers on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  const handles: DatabaseHandle[] = [];

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    const first = await openDatabase(provisioned.database);
    handles.push(first);
    await migrateToLatest(first.db);
    await createOrganisation(first, {
      id: 'wk-school',
      kind: 'school',
      regionCode: 'west-kazakhstan',
    });
    if (testBackend === 'postgres') handles.push(await openDatabase(provisioned.database));
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await provisioned?.dispose();
  });

  it('gives every submission its own number, across handles, and a retry its first one', async () => {
    const registry = await createStaff(handles[0]!, 'wk-school', 'west-kazakhstan', [
      'registry_office',
    ]);
    const clock = manualClock('2019-04-01T04:00:00Z');
    const services = handles.map((handle) => applicationServices(handle, clock.now));
    const submit = (index: number) =>
      submitApplication(services[index % services.length]!, registry, {
        idempotencyKey: `numbers-${index}-key`,
        serviceCode: 'duplicates',
        channel: 'provider_office',
        applicantIin: '900101300007',
        providerOrganisationId: 'wk-school',
        fields: { 'applicant-iin': '900101300007' },
      });
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => submit(index)));
    const numbers = results.map((result) => result.number);
    expect(new Set(numbers).size).toBe(40);
    for (const number of numbers) expect(number).toMatch(/^2019-\d{7}$/);
    const retried = await submit(7);
    expect(retried).toEqual(results[7]);
    const { count } = await handles[0]!.db
      .selectFrom('application')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(40);
  });
});
