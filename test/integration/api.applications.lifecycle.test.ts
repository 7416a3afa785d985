import { statusCheckCodeOf } from '../../src/features/public-status/status-check-code.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApplicationView,
  CommandResult,
  PublicStatus,
  SubmitResult,
} from '../../src/http/api/v1/schemas.js';
import { listEvents } from '../../src/storage/application.repository.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { insertSession } from '../../src/storage/session.repository.js';
import { createSessionToken } from '../../src/features/identity/identity-services.js';
import { createApiFixture, type ApiFixture } from '../support/api.js';
import { testBackend } from '../support/database.js';

const iin = '900101300007';

describe(`/api/v1 applications on ${testBackend}: submit, steps, public status`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    // Monday 1 April 2019, 10:00 in Kostanay (UTC+6).
    f = await createApiFixture('2019-04-01T04:00:00Z');
  });
  afterAll(async () => {
    await f?.database.close();
  });

  it('submits with an Idempotency-Key; a retry returns the same body and creates nothing', async () => {
    const request = () =>
      f.call('POST', '/api/v1/applications', {
        token: f.staff.registry.token,
        headers: { 'idempotency-key': 'submit-retry-0001' },
        body: {
          serviceCode: 'duplicates',
          channel: 'provider_office',
          applicantIin: iin,
          providerOrganisationId: 'kst-school-1',
          fields: { 'applicant-iin': iin },
        },
      });
    const count = async () =>
      Number(
        (
          await f.database.db
            .selectFrom('application')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const first = await request();
    expect(first.status).toBe(201);
    const body = SubmitResult.parse(await first.json());
    expect(body).toMatchObject({ status: 'received', currentStepId: 'register' });
    const retry = await request();
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(body);
    expect(await count()).toBe(before + 1);
  });

  it('runs to the result over HTTP, and the public status follows without personal data', async () => {
    const { applicationId, number } = await f.submit();
    const publicStatus = async () => {
      // The number with the check code from the receipt (a number alone is refused, defect 9).
      const response = await f.call(
        'GET',
        `/api/v1/public/status/${number}?code=${statusCheckCodeOf(applicationId)}`,
      );
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(iin);
      expect(text).not.toMatch(/applicant|Iin|iin/);
      return PublicStatus.parse(JSON.parse(text));
    };
    expect(await publicStatus()).toMatchObject({
      number,
      serviceCode: 'duplicates',
      status: 'received',
      statusLabel: { ru: 'Поступило' },
      step: { position: 1 },
      dueAt: '2019-04-22T12:30:00.000Z',
    });

    const view = await f.call('GET', `/api/v1/applications/${applicationId}`, {
      token: f.staff.registry.token,
    });
    expect(view.status).toBe(200);
    const state = ApplicationView.parse(await view.json());
    expect(state).toMatchObject({
      number,
      applicantIin: iin,
      status: 'received',
      allowed: ['complete_step:register'],
      currentStep: { id: 'register', dueAt: '2019-04-01T04:15:00.000Z', isOverdue: false },
      isOverdue: false,
      history: [{ sequence: 1, status: 'received' }],
    });
    const reads = await listAuditEvents(f.database.db, {
      subjectType: 'application',
      subjectId: applicationId,
    } as never);
    expect(reads.filter((row) => row.action === 'application.read')).toHaveLength(1);

    f.clock.set('2019-04-01T04:10:00Z');
    const registered = await f.command(f.staff.registry.token, applicationId, {
      kind: 'complete_step',
      stepId: 'register',
    });
    expect(registered.status).toBe(200);
    expect(CommandResult.parse(await registered.json())).toMatchObject({
      currentStepId: 'assign',
      stepDueAt: '2019-04-01T08:40:00.000Z',
    });
    const assigned = await f.command(f.staff.head.token, applicationId, {
      kind: 'complete_step',
      stepId: 'assign',
      executorId: f.staff.executor.principal.staffId,
    });
    expect(assigned.status).toBe(200);
    f.clock.set('2019-04-08T05:00:00Z');
    // The executor's review ("documents compliant") prepares the draft the head signs.
    const { prepared, signed } = await f.prepareAndSign(
      applicationId,
      f.staff.executor,
      f.staff.head,
      'result',
      async () => {
        // Between the two phases the signing step is offered as sign_document, and a bare
        // completion is refused: the result exists only as the signed document.
        const atSigning = ApplicationView.parse(
          await (
            await f.call('GET', `/api/v1/applications/${applicationId}`, {
              token: f.staff.head.token,
            })
          ).json(),
        );
        expect(atSigning.allowed).toEqual(['sign_document:sign', 'return_draft:sign', 'suspend']);
        expect(atSigning.availableCommands[0]).toEqual({
          kind: 'sign_document',
          stepId: 'sign',
          actor: 'head',
        });
        const bare = await f.command(f.staff.head.token, applicationId, {
          kind: 'complete_step',
          stepId: 'sign',
        });
        expect(bare.status).toBe(409);
        expect(await bare.json()).toMatchObject({
          error: {
            code: 'signed_document_required',
            message: expect.stringContaining('prepare the document first, then sign it'),
            details: {
              currentStepId: 'sign',
              reason: 'signed_document_required',
              prepare: `POST /api/v1/applications/${applicationId}/documents/prepare`,
            },
          },
        });
      },
    );
    expect(prepared).toMatchObject({ currentStepId: 'sign', status: 'in_work' });
    expect(signed).toMatchObject({ currentStepId: 'issue-result', status: 'result_ready' });
    expect((await publicStatus()).status).toBe('result_ready');
    const verified = await f.call('GET', `/verify/${signed.documentId}`, {
      headers: { accept: 'application/json' },
    });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ genuine: true });
    f.clock.set('2019-04-09T04:00:00Z');
    const issued = await f.command(f.staff.registry.token, applicationId, {
      kind: 'complete_step',
      stepId: 'issue-result',
    });
    expect(await issued.json()).toMatchObject({ status: 'completed', version: 6 });
    expect(await publicStatus()).toMatchObject({
      status: 'completed',
      statusLabel: { kk: 'Орындау аяқталды, нәтиже берілді' },
      step: null,
    });

    const finished = ApplicationView.parse(
      await (
        await f.call('GET', `/api/v1/applications/${applicationId}`, {
          token: f.staff.head.token,
        })
      ).json(),
    );
    expect(finished.history.map((entry) => entry.status)).toEqual([
      'received',
      'in_work',
      'result_ready',
      'completed',
    ]);
    expect(finished).toMatchObject({
      outcome: 'result_issued',
      currentStep: null,
      isOverdue: false,
    });
  });

  it('answers an unknown number 404 and a malformed one 404, without login', async () => {
    expect((await f.call('GET', '/api/v1/public/status/2019-9999999?code=ABCD-EFGH')).status).toBe(
      404,
    );
    expect((await f.call('GET', '/api/v1/public/status/x?code=ABCD-EFGH')).status).toBe(404);
  });

  it('suspends and resumes through commands; extension beyond the maximum is refused', async () => {
    const { applicationId } = await f.submit();
    const suspended = await f.command(f.staff.head.token, applicationId, {
      kind: 'suspend',
      reason: 'waiting for the archive',
    });
    expect(suspended.status).toBe(200);
    expect(await suspended.json()).toMatchObject({ status: 'suspended' });
    const resumed = await f.command(f.staff.head.token, applicationId, { kind: 'resume' });
    expect(await resumed.json()).toMatchObject({ status: 'received' });
    const invalid = await f.command(f.staff.head.token, applicationId, {
      kind: 'suspend',
      reason: 'x',
    });
    expect(invalid.status).toBe(422);
    expect((await listEvents(f.database.db, applicationId)).length).toBe(3);
  });

  it('answers a retried command with the same Idempotency-Key from its first run, once', async () => {
    const { applicationId } = await f.submit();
    const request = () =>
      f.call('POST', `/api/v1/applications/${applicationId}/commands`, {
        token: f.staff.registry.token,
        headers: { 'idempotency-key': 'command-retry-0001' },
        body: { kind: 'complete_step', stepId: 'register' },
      });
    const first = await request();
    expect(first.status).toBe(200);
    const body: unknown = await first.json();
    const retry = await request();
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(body);
    expect((await listEvents(f.database.db, applicationId)).length).toBe(2);
  });

  it('accepts a staff session cookie as well as a token', async () => {
    const { applicationId } = await f.submit();
    const { token, tokenHash } = createSessionToken();
    await f.database.db.transaction().execute((trx) =>
      insertSession(trx, {
        subjectKind: 'staff',
        subjectId: f.staff.head.principal.staffId,
        tokenHash,
        createdAt: f.clock.now(),
        expiresAt: new Date(f.clock.now().getTime() + 3_600_000),
      }),
    );
    const cookie = `qyzmet_session=${token}`;
    const view = await f.call('GET', `/api/v1/applications/${applicationId}`, {
      headers: { cookie },
    });
    expect(view.status).toBe(200);
    expect(ApplicationView.parse(await view.json()).allowed).toEqual(['suspend']);
    const other = await f.call('GET', `/api/v1/applications/${applicationId}`, {
      headers: { cookie: 'qyzmet_session=not-a-session' },
    });
    expect(other.status).toBe(401);
  });
});
