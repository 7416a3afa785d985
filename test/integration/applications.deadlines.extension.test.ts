import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendTerm } from '../../src/features/applications/extend-term.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { watchDeadlines } from '../../src/features/deadlines/watch-deadlines.js';
import { listOverdue } from '../../src/features/deadlines/list-overdue.js';
import { demoCitizen } from '../../src/features/demo/demo-accounts.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  createOrganisation,
  createStaff,
  manualClock,
  regulationCatalog,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { jobServices } from '../support/jobs.js';

describe(`deadlines after a term extension on ${testBackend} (seed 003, archive certificates)`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2013-02-01T04:00:00Z');
  let services: ReturnType<typeof jobServices>;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = jobServices(database, clock.now);
    await createOrganisation(database, {
      id: 'sko-archive',
      kind: 'archive',
      regionCode: 'south_kazakhstan',
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('treats the extended due as a new deadline: the term leaves the overdue list, overdue again after it', async () => {
    const head = await createStaff(database, 'sko-archive', 'south_kazakhstan', ['head']);
    const regulation = regulationCatalog().getById(
      'south-kazakhstan.archive-certificate.2012-12-26',
    );
    const submitted = await submitApplication(
      services,
      { kind: 'citizen', iin: demoCitizen.iin },
      {
        idempotencyKey: 'extension-test-submit',
        serviceCode: 'archive-certificate',
        channel: 'portal',
        applicantIin: demoCitizen.iin,
        providerOrganisationId: 'sko-archive',
        fields: demoFields(regulation),
      },
    );
    const firstDue = new Date(submitted.dueAt);
    clock.set(new Date(firstDue.getTime() + 24 * 60 * 60_000).toISOString());
    // The head's 15-minute acceptance step is long overdue too; this test follows the term.
    await watchDeadlines(services);
    expect(await listOverdue(services, head)).toMatchObject([
      { isTotalOverdue: true, isStepOverdue: true },
    ]);

    const extended = await extendTerm(services, head, {
      idempotencyKey: 'extension-test-extend',
      applicationId: submitted.applicationId,
      reason: 'Запрос в другой архив',
      by: { amount: 10, unit: 'calendar_days' },
    });
    const secondDue = new Date(extended.dueAt as string);
    expect(secondDue.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(await listOverdue(services, head)).toMatchObject([
      { isTotalOverdue: false, isStepOverdue: true },
    ]);
    expect(await watchDeadlines(services)).toMatchObject({ warnings: 0, overdue: 0 });

    clock.set(new Date(secondDue.getTime() + 60_000).toISOString());
    expect(await watchDeadlines(services)).toMatchObject({ warnings: 1, overdue: 1 });
    expect(await listOverdue(services, head)).toMatchObject([{ isTotalOverdue: true }]);
    const overdueMarkers = await database.db
      .selectFrom('deadline_marker')
      .select('due_at')
      .where('application_id', '=', submitted.applicationId)
      .where('scope', '=', 'total')
      .where('kind', '=', 'overdue')
      .orderBy('due_at')
      .execute();
    expect(overdueMarkers.map((row) => row.due_at.toISOString())).toEqual([
      firstDue.toISOString(),
      secondDue.toISOString(),
    ]);
  });
});
