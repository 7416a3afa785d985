// The operator's sign_request step (seed 003, annex 2, point 7, item 5: the request is sent
// "удостоверенный ЭЦП работника") is done only by signing the electronic request: the API
// offers it as `sign_request`, never as `complete_step`, and a bare complete_step is a
// localised 409 signed_request_required that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/application.repository.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import {
  createFrontOfficeRequestFixture,
  type FrontOfficeRequestFixture,
} from '../support/front-office-request.js';
import { testBackend } from '../support/database.js';

interface View {
  currentStep: { id: string } | null;
  version: number;
  allowed: string[];
  availableCommands: { kind: string; stepId?: string; actor?: string }[];
}

describe(`complete_step at the operator's sign_request (API, ${testBackend})`, () => {
  let f: FrontOfficeRequestFixture;
  let applicationId = '';
  beforeAll(async () => {
    f = await createFrontOfficeRequestFixture();
    applicationId = (await f.take()).applicationId;
  });
  afterAll(async () => {
    await f?.database.close();
  });

  const view = async () =>
    (await (
      await f.call('GET', `/api/v1/applications/${applicationId}`, {
        token: f.staff.operator.token,
      })
    ).json()) as View;
  const snapshot = async () => ({
    events: (await listEvents(f.database.db, applicationId)).length,
    audit: (
      await listAuditEvents(f.database.db, { subjectType: 'application', subjectId: applicationId })
    ).length,
    version: (
      await f.database.db
        .selectFrom('application')
        .select('version')
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow()
    ).version,
  });
  const completeStep = (locale: string) =>
    f.call('POST', `/api/v1/applications/${applicationId}/commands`, {
      token: f.staff.operator.token,
      locale,
      body: { kind: 'complete_step', stepId: 'fo-sign-request', idempotencyKey: f.nextKey() },
    });

  it('offers the step as sign_request, never as complete_step', async () => {
    const current = await view();
    expect(current.currentStep?.id).toBe('fo-sign-request');
    expect(current.availableCommands).toEqual([
      { kind: 'sign_request', stepId: 'fo-sign-request', actor: 'front_office_operator' },
    ]);
    expect(current.allowed).toEqual(['sign_request:fo-sign-request']);
  });

  it('refuses complete_step with a localised 409 naming the request calls, changing nothing', async () => {
    const before = await snapshot();
    const refused = await completeStep('ru');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'signed_request_required',
        message: 'Этот шаг выполняется только подписанием электронного запроса ЭЦП оператора.',
        details: {
          currentStepId: 'fo-sign-request',
          reason: 'signed_request_required',
          allowed: ['sign_request:fo-sign-request'],
          request: `GET /api/v1/applications/${applicationId}/front-office-request`,
          sign: `POST /api/v1/applications/${applicationId}/front-office-request/sign`,
        },
      },
    });
    const kk = (await (await completeStep('kk')).json()) as { error: { message: string } };
    expect(kk.error.message).toContain('ЭЦҚ');
    expect(await snapshot()).toEqual(before);
    const request = (await (
      await f.call('GET', `/api/v1/applications/${applicationId}/front-office-request`, {
        token: f.staff.operator.token,
      })
    ).json()) as { sha256: string; signed: unknown; isSignStepCurrent: boolean };
    expect(request).toMatchObject({ signed: null, isSignStepCurrent: true });

    // The operator's signature does it.
    const signed = await f.call(
      'POST',
      `/api/v1/applications/${applicationId}/front-office-request/sign`,
      {
        token: f.staff.operator.token,
        body: { idempotencyKey: f.nextKey(), cms: await f.cmsOverHash(0, request.sha256) },
      },
    );
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { completedStepIds: string[] }).completedStepIds[0]).toBe(
      'fo-sign-request',
    );
    expect((await view()).currentStep?.id).not.toBe('fo-sign-request');
  });
});
