import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import type { ActorRole } from '../../src/domain/shared/roles.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { driveApplication } from '../../src/features/demo/drive-application.js';
import { handBackStoredResults } from '../../src/features/front-office/hand-back-stored-results.js';
import { listEvents, listNotifications } from '../../src/storage/application.repository.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createOrganisation, createStaff, manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { jobServices } from '../support/jobs.js';
import { createTestResultSigning } from '../support/sign-result.js';

type Staff = Principal & { kind: 'staff' };

describe(`the end of the one-month storage at the front office on ${testBackend} (seed 004, duplicates)`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2019-04-01T04:00:00Z');
  let services: ReturnType<typeof jobServices>;
  const staff: Partial<Record<ActorRole, Staff>> = {};
  let signing: Awaited<ReturnType<typeof createTestResultSigning>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = jobServices(database, clock.now);
    await createOrganisation(database, {
      id: 'kst-school-1',
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
    await createOrganisation(database, {
      id: 'kst-front-office',
      kind: 'front_office',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
    staff.front_office_operator = await createStaff(database, 'kst-front-office', 'kostanay', [
      'front_office_operator',
    ]);
    staff.courier = await createStaff(database, 'kst-front-office', 'kostanay', ['courier']);
    staff.registry_office = await createStaff(database, 'kst-school-1', 'kostanay', [
      'registry_office',
    ]);
    staff.head = await createStaff(database, 'kst-school-1', 'kostanay', ['head']);
    staff.executor = await createStaff(database, 'kst-school-1', 'kostanay', ['executor']);
    signing = await createTestResultSigning(database, clock.now());
  });
  afterAll(async () => {
    await database?.close();
    signing?.dispose();
  });

  it('hands an uncollected result back to the provider after a month, once', async () => {
    const { applicationId } = await submitApplication(services, staff.front_office_operator!, {
      idempotencyKey: 'storage-test-submit',
      serviceCode: 'duplicates',
      channel: 'front_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'kst-school-1',
      frontOfficeId: 'kst-front-office',
      fields: { 'applicant-iin': '900101300007' },
    });
    const stored = await driveApplication(services, applicationId, {
      principalFor: (actor) => staff[actor],
      answer: () => true,
      executorId: staff.executor!.staffId,
      keyPrefix: 'storage-test',
      signing,
      beforeStep: () => clock.set(new Date(clock.now().getTime() + 30 * 60_000).toISOString()),
      isDone: (state) => state.currentStepId === 'fo-issue-result',
    });
    expect(stored).toMatchObject({ status: 'result_ready', currentStepId: 'fo-issue-result' });
    // The result reached the front office on 1 April 2019; it is kept for one month.
    clock.set('2019-04-29T06:00:00Z');
    expect(await handBackStoredResults(services)).toBe(0);
    clock.set('2019-05-06T06:00:00Z');
    expect(await handBackStoredResults(services)).toBe(1);
    expect(await handBackStoredResults(services)).toBe(0);

    const events = await listEvents(database.db, applicationId);
    expect(events.at(-1)).toMatchObject({
      type: 'handed_back',
      actor: { kind: 'system', process: 'front-office-storage' },
    });
    expect(events.filter((event) => event.type === 'handed_back')).toHaveLength(1);
    const record = await database.db
      .selectFrom('application')
      .select(['status'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    expect(record.status).toBe('handed_back');
    const notifications = await listNotifications(database.db, applicationId);
    expect(notifications.at(-1)).toMatchObject({ status: 'handed_back', kind: 'status_changed' });
    const audit = await listAuditEvents(database.db, {
      subjectType: 'application',
      subjectId: applicationId,
    } as never);
    expect(audit.at(-1)).toMatchObject({ action: 'application.handed_back' });
  });
});
