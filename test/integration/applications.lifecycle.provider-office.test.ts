import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { answerQuestionnaire } from '../../src/features/applications/answer-questionnaire.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { fileAppeal } from '../../src/features/applications/file-appeal.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { listEvents, listNotifications } from '../../src/storage/application.repository.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { createTestResultSigning, prepareAndSign } from '../support/sign-result.js';
import { getApplicationFor } from '../../src/engine/load-application.js';
import { listAvailableCommands } from '../../src/domain/application/available-commands.js';

type Staff = Principal & { kind: 'staff' };

describe(`Kostanay duplicates through the provider's office on ${testBackend} (seed 004)`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2019-04-01T04:00:00Z'); // Monday 1 April 2019, 10:00 in Kostanay (UTC+6)
  let services: ReturnType<typeof applicationServices>;
  let registry: Staff, head: Staff, executor: Staff, otherHead: Staff;
  let signing: Awaited<ReturnType<typeof createTestResultSigning>>;
  let key = 0;
  let completedId = '';
  const nextKey = () => `test-key-${(key += 1).toString().padStart(4, '0')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    await createOrganisation(database, {
      id: 'kst-school-1',
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
    await createOrganisation(database, {
      id: 'kst-school-2',
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
    registry = await createStaff(database, 'kst-school-1', 'kostanay', ['registry_office']);
    head = await createStaff(database, 'kst-school-1', 'kostanay', ['head']);
    executor = await createStaff(database, 'kst-school-1', 'kostanay', ['executor']);
    otherHead = await createStaff(database, 'kst-school-2', 'kostanay', ['head']);
    signing = await createTestResultSigning(database, new Date('2019-03-01T00:00:00Z'));
  });
  afterAll(async () => {
    await database?.close();
    signing?.dispose();
  });

  async function submit() {
    return submitApplication(services, registry, {
      idempotencyKey: nextKey(),
      serviceCode: 'duplicates',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'kst-school-1',
      fields: { 'applicant-iin': '900101300007' },
    });
  }

  it('runs to the result: statuses, step and total due times, audit rows and notifications', async () => {
    const submitted = await submit();
    expect(submitted).toMatchObject({
      regulationId: 'kostanay.duplicates.2018-12-21',
      status: 'received',
      currentStepId: 'register',
      // 15 working days, the day of acceptance not counted: Monday 22 April 2019, 18:30 (UTC+6).
      dueAt: '2019-04-22T12:30:00.000Z',
    });
    expect(submitted.number).toMatch(/^2019-\d{7}$/);
    const id = submitted.applicationId;
    completedId = id;

    clock.set('2019-04-01T04:10:00Z');
    const registered = await completeStep(services, registry, {
      idempotencyKey: nextKey(),
      applicationId: id,
      stepId: 'register',
    });
    // The head has 3 working hours from 10:10: 2 h 50 min before lunch, 10 min after 14:30 → 14:40.
    expect(registered).toMatchObject({
      currentStepId: 'assign',
      stepDueAt: '2019-04-01T08:40:00.000Z',
    });

    clock.set('2019-04-01T05:00:00Z');
    await completeStep(services, head, {
      idempotencyKey: nextKey(),
      applicationId: id,
      stepId: 'assign',
      executorId: executor.staffId,
    });
    clock.set('2019-04-08T05:00:00Z');
    // The review ("documents compliant") prepares the result the head signs (seed 004).
    const signed = await prepareAndSign(services, {
      applicationId: id,
      executor,
      signer: head,
      credential: (await signing.keyFor(head))!,
      trustStore: signing.trustStore,
      keyPrefix: nextKey(),
    });
    expect(signed).toMatchObject({ currentStepId: 'issue-result', status: 'result_ready' });
    clock.set('2019-04-09T04:00:00Z');
    const issued = await completeStep(services, registry, {
      idempotencyKey: nextKey(),
      applicationId: id,
      stepId: 'issue-result',
    });
    expect(issued).toMatchObject({ status: 'completed', currentStepId: null, version: 6 });

    const events = await listEvents(database.db, id);
    expect(events.map((event) => event.type)).toEqual([
      'submitted',
      ...Array(5).fill('step_completed'),
    ]);
    const audit = await listAuditEvents(database.db, {
      subjectType: 'application',
      subjectId: id,
    } as never);
    expect(audit.map((row) => row.action)).toEqual([
      'application.submitted',
      ...Array(3).fill('application.step_completed'),
      'document.prepared',
      ...Array(2).fill('application.step_completed'),
    ]);
    expect(events[4]).toMatchObject({ stepId: 'sign', documentIds: [signed.documentId] });
    const notifications = await listNotifications(database.db, id);
    expect(notifications.map((row) => row.status)).toEqual([
      'received',
      'in_work',
      'result_ready',
      'completed',
    ]);
    expect((notifications[3]!.message as { ru: string }).ru).toContain(submitted.number);
  });

  it('refuses the wrong organisation, the wrong role and the wrong state, and changes nothing', async () => {
    const { applicationId } = await submit();
    const before = await listEvents(database.db, applicationId);

    await expect(
      completeStep(services, otherHead, {
        idempotencyKey: nextKey(),
        applicationId,
        stepId: 'register',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      completeStep(services, executor, {
        idempotencyKey: nextKey(),
        applicationId,
        stepId: 'register',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      completeStep(services, head, { idempotencyKey: nextKey(), applicationId, stepId: 'sign' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      details: { status: 'received', currentStepId: 'register', allowed: ['suspend'] },
    });
    await expect(
      completeStep(
        services,
        { kind: 'citizen', iin: '900101300007' },
        { idempotencyKey: nextKey(), applicationId, stepId: 'register' },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });

    expect(await listEvents(database.db, applicationId)).toEqual(before);
  });

  it('refuses completing the signing step without the signed document, and changes nothing', async () => {
    const { applicationId } = await submit();
    for (const [who, stepId, extra] of [
      [registry, 'register', {}],
      [head, 'assign', { executorId: executor.staffId }],
      [executor, 'review', { answer: true }],
    ] as const) {
      await completeStep(services, who, {
        idempotencyKey: nextKey(),
        applicationId,
        stepId,
        ...extra,
      });
    }
    const loaded = await getApplicationFor(services, head, applicationId);
    expect(loaded.state.currentStepId).toBe('sign');
    // The head may sign the draft, or return it to the executor with a comment (issue 18, point 7).
    expect(
      listAvailableCommands(loaded.state, loaded.regulation, head, 'kostanay').map(
        (command) => command.kind,
      ),
    ).toEqual(['sign_document', 'return_draft', 'suspend']);
    const before = await listEvents(database.db, applicationId);

    await expect(
      completeStep(services, head, { idempotencyKey: nextKey(), applicationId, stepId: 'sign' }),
    ).rejects.toMatchObject({
      code: 'signed_document_required',
      details: {
        status: 'in_work',
        currentStepId: 'sign',
        allowed: ['sign_document:sign', 'return_draft:sign', 'suspend'],
        reason: 'signed_document_required',
        prepare: `POST /api/v1/applications/${applicationId}/documents/prepare`,
        sign: `POST /api/v1/applications/${applicationId}/documents/{draftId}/sign`,
      },
    });
    // Another organisation's head still learns nothing; the executor may not sign.
    await expect(
      completeStep(services, otherHead, {
        idempotencyKey: nextKey(),
        applicationId,
        stepId: 'sign',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      completeStep(services, executor, {
        idempotencyKey: nextKey(),
        applicationId,
        stepId: 'sign',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await listEvents(database.db, applicationId)).toEqual(before);
    const documents = await database.db
      .selectFrom('document')
      .select('id')
      .where('application_id', '=', applicationId)
      .execute();
    expect(documents).toEqual([]);
  });

  it('answers a retried command from its first run and records it once', async () => {
    const { applicationId } = await submit();
    const idempotencyKey = nextKey();
    const first = await completeStep(services, registry, {
      idempotencyKey,
      applicationId,
      stepId: 'register',
    });
    const retry = await completeStep(services, registry, {
      idempotencyKey,
      applicationId,
      stepId: 'register',
    });
    expect(retry).toEqual(first);
    expect((await listEvents(database.db, applicationId)).length).toBe(2);
  });

  it('lets exactly one of two concurrent commands win', async () => {
    const { applicationId } = await submit();
    const results = await Promise.allSettled([
      completeStep(services, registry, {
        idempotencyKey: nextKey(),
        applicationId,
        stepId: 'register',
      }),
      completeStep(services, registry, {
        idempotencyKey: nextKey(),
        applicationId,
        stepId: 'register',
      }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'conflict' });
    expect((await listEvents(database.db, applicationId)).length).toBe(2);
  });

  it('refuses a form that breaks the regulation and numbers nothing', async () => {
    await expect(
      submitApplication(services, registry, {
        idempotencyKey: nextKey(),
        serviceCode: 'duplicates',
        channel: 'portal',
        applicantIin: '900101300007',
        providerOrganisationId: 'kst-school-1',
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'channel', rule: 'channel_not_offered' }] },
    });
  });

  it('takes the applicant’s appeal with a 5-working-day term and one questionnaire after the result', async () => {
    const citizen: Principal = { kind: 'citizen', iin: '900101300007' };
    clock.set('2019-04-09T05:00:00Z'); // Tuesday 9 April 2019, 11:00
    const appeal = await fileAppeal(services, citizen, {
      idempotencyKey: nextKey(),
      applicationId: completedId,
      text: 'Дубликат выдан с ошибкой в фамилии',
    });
    // Five working days after the day of registration: Tuesday 16 April 2019 at 18:30.
    expect(appeal).toMatchObject({ status: 'submitted', dueAt: '2019-04-16T12:30:00.000Z' });
    await expect(
      fileAppeal(services, head, {
        idempotencyKey: nextKey(),
        applicationId: completedId,
        text: 'Жалоба от имени школы',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    await answerQuestionnaire(services, citizen, {
      idempotencyKey: nextKey(),
      applicationId: completedId,
      process: 'satisfied',
      information: 'partially_satisfied',
    });
    await expect(
      answerQuestionnaire(services, citizen, {
        idempotencyKey: nextKey(),
        applicationId: completedId,
        process: 'satisfied',
        information: 'satisfied',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const types = (await listEvents(database.db, completedId)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(['appealed', 'questionnaire_answered']);
  });
});
