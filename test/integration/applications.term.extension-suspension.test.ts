import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { extendTerm } from '../../src/features/applications/extend-term.js';
import { resumeApplication } from '../../src/features/applications/resume-application.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { suspendApplication } from '../../src/features/applications/suspend-application.js';
import { listEvents, listNotifications } from '../../src/storage/application.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';

type Staff = Principal & { kind: 'staff' };

describe(`archive certificate term: extension up to 6 months, suspension, on ${testBackend} (seed 003)`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2013-02-04T04:00:00Z'); // Monday 4 February 2013, 10:00 in Shymkent (UTC+6)
  let services: ReturnType<typeof applicationServices>;
  let registry: Staff, head: Staff, executor: Staff;
  let key = 0;
  const nextKey = () => `term-key-${(key += 1).toString().padStart(4, '0')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    await createOrganisation(database, {
      id: 'sk-archive',
      kind: 'archive',
      regionCode: 'south-kazakhstan',
    });
    registry = await createStaff(database, 'sk-archive', 'south-kazakhstan', ['registry_office']);
    head = await createStaff(database, 'sk-archive', 'south-kazakhstan', ['head']);
    executor = await createStaff(database, 'sk-archive', 'south-kazakhstan', ['executor']);
  });
  afterAll(async () => {
    await database?.close();
  });

  const submit = () =>
    submitApplication(services, registry, {
      idempotencyKey: nextKey(),
      serviceCode: 'archive-certificate',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'sk-archive',
      fields: { 'applicant-iin-or-bin': '900101300007', 'archive-certificate-type': 'стаж' },
    });

  it('extends within six months from submission, notifies the applicant, and refuses beyond it', async () => {
    const submitted = await submit();
    // 30 calendar days, the day of acceptance counted: 6 March 2013, 10:00.
    expect(submitted.dueAt).toBe('2013-03-06T04:00:00.000Z');
    const { applicationId } = submitted;

    clock.set('2013-03-01T04:00:00Z');
    const extended = await extendTerm(services, head, {
      idempotencyKey: nextKey(),
      applicationId,
      reason: 'Запрос в ведомственный архив',
      by: { amount: 1, unit: 'months' },
    });
    expect(extended.dueAt).toBe('2013-04-06T04:00:00.000Z');
    const notifications = await listNotifications(database.db, applicationId);
    expect(notifications.map((row) => row.kind)).toContain('term_extended');
    expect(
      (notifications.find((row) => row.kind === 'term_extended')!.message as { ru: string }).ru,
    ).toContain('Запрос в ведомственный архив');

    const before = await listEvents(database.db, applicationId);
    await expect(
      extendTerm(services, head, {
        idempotencyKey: nextKey(),
        applicationId,
        reason: 'ещё',
        by: { amount: 5, unit: 'months' },
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ rule: 'extension_beyond_maximum' }] },
    });
    await expect(
      extendTerm(services, executor, {
        idempotencyKey: nextKey(),
        applicationId,
        reason: 'ещё',
        by: { amount: 1, unit: 'calendar_days' },
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await listEvents(database.db, applicationId)).toEqual(before);
  });

  it('stops the clock while suspended and moves the due by the suspended time', async () => {
    clock.set('2013-02-04T04:00:00Z');
    const { applicationId, dueAt } = await submit();
    expect(dueAt).toBe('2013-03-06T04:00:00.000Z');
    clock.set('2013-02-05T04:00:00Z');
    const suspended = await suspendApplication(services, head, {
      idempotencyKey: nextKey(),
      applicationId,
      reason: 'Ожидание документов',
    });
    expect(suspended.status).toBe('suspended');
    await expect(
      suspendApplication(services, head, {
        idempotencyKey: nextKey(),
        applicationId,
        reason: 'снова',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    clock.set('2013-02-08T04:00:00Z');
    const resumed = await resumeApplication(services, head, {
      idempotencyKey: nextKey(),
      applicationId,
    });
    // Three calendar days suspended: the due moves from 6 to 9 March.
    expect(resumed).toMatchObject({ status: 'received', dueAt: '2013-03-09T04:00:00.000Z' });
  });
});
