import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { listEscalations } from '../../src/features/deadlines/list-escalations.js';
import { listOverdue } from '../../src/features/deadlines/list-overdue.js';
import { watchDeadlines } from '../../src/features/deadlines/watch-deadlines.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createOrganisation, createStaff, manualClock } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { jobServices } from '../support/jobs.js';

type Staff = Principal & { kind: 'staff' };

describe(`deadline warning → overdue → escalation on ${testBackend} (Kostanay duplicates, seed 004)`, () => {
  let database: DatabaseHandle;
  // Monday 1 April 2019, 10:00 in Kostanay (UTC+6).
  const clock = manualClock('2019-04-01T04:00:00Z');
  let services: ReturnType<typeof jobServices>;
  let registry: Staff, head: Staff, executor: Staff, otherHead: Staff;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Escalation one hour after the due, so the three markers are seen apart.
    services = jobServices(database, clock.now, { deadlines: { escalateAfterMs: 60 * 60_000 } });
    for (const id of ['kst-school-1', 'kst-school-2']) {
      await createOrganisation(database, {
        id,
        kind: 'school',
        regionCode: 'kostanay',
        timeZone: 'Asia/Qostanay',
        email: `${id}@example.kz`,
      });
    }
    registry = await createStaff(database, 'kst-school-1', 'kostanay', ['registry_office']);
    head = await createStaff(database, 'kst-school-1', 'kostanay', ['head']);
    executor = await createStaff(database, 'kst-school-1', 'kostanay', ['executor']);
    otherHead = await createStaff(database, 'kst-school-2', 'kostanay', ['head']);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function markers(applicationId: string) {
    return database.db
      .selectFrom('deadline_marker')
      .select(['scope', 'step_id', 'kind'])
      .where('application_id', '=', applicationId)
      .orderBy('fired_at')
      .orderBy('kind')
      .execute();
  }

  it('fires each marker once at its time, escalates to the head and lists the application', async () => {
    const { applicationId, number } = await submitApplication(services, registry, {
      idempotencyKey: 'deadline-test-submit',
      serviceCode: 'duplicates',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'kst-school-1',
      fields: { 'applicant-iin': '900101300007' },
    });
    clock.set('2019-04-01T04:10:00Z');
    const registered = await completeStep(services, registry, {
      idempotencyKey: 'deadline-test-register',
      applicationId,
      stepId: 'register',
    });
    // The head's 3 working hours from 10:10 end at 14:40 local (08:40Z); a fifth of the 4 h 30 min
    // before it (54 min) the warning is due: 13:46 local (07:46Z).
    expect(registered.stepDueAt).toBe('2019-04-01T08:40:00.000Z');

    clock.set('2019-04-01T07:45:00Z');
    expect(await watchDeadlines(services)).toMatchObject({ warnings: 0, overdue: 0 });
    expect(await listOverdue(services, head)).toEqual([]);

    clock.set('2019-04-01T07:46:00Z');
    expect(await watchDeadlines(services)).toMatchObject({ warnings: 1, overdue: 0 });
    expect(await markers(applicationId)).toEqual([
      { scope: 'step', step_id: 'assign', kind: 'warning' },
    ]);

    clock.set('2019-04-01T08:40:00Z');
    expect(await watchDeadlines(services)).toMatchObject({
      warnings: 0,
      overdue: 1,
      escalations: 0,
    });
    const overdue = await listOverdue(services, head);
    expect(overdue).toMatchObject([
      { id: applicationId, number, isStepOverdue: true, isTotalOverdue: false, isEscalated: false },
    ]);
    // Another school's head does not see it.
    expect(await listOverdue(services, otherHead)).toEqual([]);

    clock.set('2019-04-01T09:39:00Z');
    expect(await watchDeadlines(services)).toMatchObject({
      warnings: 0,
      overdue: 0,
      escalations: 0,
    });

    clock.set('2019-04-01T09:40:00Z');
    expect(await watchDeadlines(services)).toMatchObject({ escalations: 1 });
    // Again later: nothing fires twice.
    clock.set('2019-04-01T11:00:00Z');
    expect(await watchDeadlines(services)).toMatchObject({
      warnings: 0,
      overdue: 0,
      escalations: 0,
    });

    expect(await markers(applicationId)).toEqual([
      { scope: 'step', step_id: 'assign', kind: 'warning' },
      { scope: 'step', step_id: 'assign', kind: 'overdue' },
      { scope: 'step', step_id: 'assign', kind: 'escalated' },
    ]);
    const escalations = await listEscalations(services, head);
    expect(escalations).toMatchObject([
      {
        applicationId,
        number,
        organisationId: 'kst-school-1',
        scope: 'step',
        stepId: 'assign',
        headStaffIds: [head.staffId],
      },
    ]);
    expect(await listEscalations(services, otherHead)).toEqual([]);
    expect((await listOverdue(services, head))[0]).toMatchObject({ isEscalated: true });

    const audit = await listAuditEvents(database.db, {
      subjectType: 'application',
      subjectId: applicationId,
    } as never);
    expect(
      audit.map((entry) => entry.action).filter((action) => action.includes('deadline')),
    ).toEqual([
      'application.deadline_warning',
      'application.deadline_overdue',
      'application.deadline_escalated',
    ]);
    // The school is told by e-mail through the outbox.
    const mail = await database.db
      .selectFrom('outbox_message')
      .selectAll()
      .where('channel', '=', 'email')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ recipient: 'kst-school-1@example.kz' });
    expect(mail[0]!.body).toContain(number);

    // The head acts: the application leaves the overdue list.
    await completeStep(services, head, {
      idempotencyKey: 'deadline-test-assign',
      applicationId,
      stepId: 'assign',
      executorId: executor.staffId,
    });
    expect(await listOverdue(services, head)).toEqual([]);
    expect(await watchDeadlines(services)).toMatchObject({
      warnings: 0,
      overdue: 0,
      escalations: 0,
    });
  });

  it('refuses the lists to citizens', async () => {
    await expect(
      listOverdue(services, { kind: 'citizen', iin: '900101300007' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
