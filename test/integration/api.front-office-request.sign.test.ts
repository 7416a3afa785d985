// The operator's ЭЦП over the front office's electronic request through the API (issue 9):
// seed 003, annex 2, point 7, items 5–6 (the operator signs the request; the information
// system checks the IIN, validity and revocation). Every refusal is the localised «Не
// подтверждение подлинности ЭЦП» (or 404 / 403) and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/application.repository.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import {
  createFrontOfficeRequestFixture,
  type FrontOfficeRequestFixture,
} from '../support/front-office-request.js';
import { testBackend } from '../support/database.js';

interface RequestView {
  id: string;
  sha256: string;
  sha256Base64: string;
  contentBase64: string;
  signStepId: string | null;
  isSignStepCurrent: boolean;
  content: {
    number: string;
    applicant: { iin: string; name: string };
    service: { ru: string };
    issuedDocuments: unknown[];
    presentedDocuments: { id: string }[];
    frontOffice: { bin: string | null };
  };
  signed: { signerName: string; signerIin: string | null; signedAt: string } | null;
}
interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: { reason?: string; reasonMessage?: Record<string, string> };
  };
}

describe(`the operator signs the electronic request (API, ${testBackend})`, () => {
  let f: FrontOfficeRequestFixture;
  let applicationId = '';
  let request: RequestView;
  beforeAll(async () => {
    f = await createFrontOfficeRequestFixture();
    applicationId = (await f.take()).applicationId;
  });
  afterAll(async () => {
    await f?.database.close();
  });

  const sign = (token: string, cms: string, locale = 'ru') =>
    f.call('POST', `/api/v1/applications/${applicationId}/front-office-request/sign`, {
      token,
      locale,
      body: { idempotencyKey: f.nextKey(), cms },
    });
  const snapshot = async () => ({
    events: (await listEvents(f.database.db, applicationId)).length,
    audit: (
      await listAuditEvents(f.database.db, { subjectType: 'application', subjectId: applicationId })
    ).length,
    signed: (
      await f.database.db
        .selectFrom('front_office_request')
        .select('signed_at')
        .where('application_id', '=', applicationId)
        .executeTakeFirstOrThrow()
    ).signed_at,
  });

  it('lists both phases in the OpenAPI document', async () => {
    const document = (await (await f.call('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/applications/{id}/front-office-request',
        '/api/v1/applications/{id}/front-office-request/sign',
      ]),
    );
  });

  it('intake stops at the operator’s sign_request step with the request prepared', async () => {
    const response = await f.call(
      'GET',
      `/api/v1/applications/${applicationId}/front-office-request`,
      {
        token: f.staff.operator.token,
      },
    );
    expect(response.status).toBe(200);
    request = (await response.json()) as RequestView;
    expect(request.signStepId).toBe('fo-sign-request');
    expect(request.isSignStepCurrent).toBe(true);
    expect(request.signed).toBeNull();
    expect(request.content.applicant.iin).toMatch(/^\d{12}$/);
    expect(request.content.applicant.name.length).toBeGreaterThan(3);
    expect(request.content.presentedDocuments.map((document) => document.id)).toEqual([
      'application',
    ]);
    expect(request.content.frontOffice.bin).toBe('130240012345');
    // The hash is the SHA-256 of exactly the bytes shown.
    const { createHash } = await import('node:crypto');
    expect(
      createHash('sha256').update(Buffer.from(request.contentBase64, 'base64')).digest('hex'),
    ).toBe(request.sha256);
    expect(Buffer.from(request.sha256Base64, 'base64').toString('hex')).toBe(request.sha256);
    const view = (await (
      await f.call('GET', `/api/v1/applications/${applicationId}`, {
        token: f.staff.operator.token,
      })
    ).json()) as { currentStep: { id: string } | null };
    expect(view.currentStep?.id).toBe('fo-sign-request');
  });

  it('another front office’s operator gets 404, on the request and on signing, and nothing changes', async () => {
    const before = await snapshot();
    const read = await f.call('GET', `/api/v1/applications/${applicationId}/front-office-request`, {
      token: f.staff.otherOperator.token,
    });
    expect(read.status).toBe(404);
    const signed = await sign(f.staff.otherOperator.token, await f.cmsOverHash(0, request.sha256));
    expect(signed.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a CMS by another operator (wrong IIN), a revoked certificate and a bad CMS, localised, changing nothing', async () => {
    const before = await snapshot();
    const wrongIin = await sign(f.staff.operator.token, await f.cmsOverHash(1, request.sha256));
    expect(wrongIin.status).toBe(422);
    const wrong = (await wrongIin.json()) as ErrorBody;
    expect(wrong.error.code).toBe('signature_not_confirmed');
    expect(wrong.error.details.reason).toBe('iin_mismatch');
    expect(wrong.error.message).toBe('Не подтверждение подлинности ЭЦП.');
    expect(wrong.error.details.reasonMessage?.kk?.length).toBeGreaterThan(5);

    const revoked = await sign(
      f.staff.operator.token,
      await f.cmsOverHash('revoked', request.sha256),
      'kk',
    );
    expect(revoked.status).toBe(422);
    const revokedBody = (await revoked.json()) as ErrorBody;
    expect(revokedBody.error.details.reason).toBe('certificate_revoked');
    expect(revokedBody.error.message).toBe('ЭЦҚ түпнұсқалығы расталмады.');

    // The operator's own key, but over other bytes: the content differs from what was signed.
    const otherBytes = await sign(f.staff.operator.token, await f.cmsOverHash(0, '00'.repeat(32)));
    expect(otherBytes.status).toBe(422);
    expect(((await otherBytes.json()) as ErrorBody).error.details.reason).toBe('content_altered');

    const garbage = await sign(
      f.staff.operator.token,
      Buffer.from('not a CMS at all, just text').toString('base64'),
      'en',
    );
    expect(garbage.status).toBe(422);
    const garbageBody = (await garbage.json()) as ErrorBody;
    expect(garbageBody.error.code).toBe('signature_not_confirmed');
    expect(garbageBody.error.details.reason).toBe('malformed');
    expect(garbageBody.error.message).toBe('The digital signature is not confirmed.');
    expect(await snapshot()).toEqual(before);
  });

  it('the provider’s head may read it but not sign it (403)', async () => {
    const before = await snapshot();
    // The application is still at the front office: the archive does not hold it yet.
    const signed = await sign(f.staff.archiveHead.token, await f.cmsOverHash(0, request.sha256));
    expect(signed.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('the operator’s own signature completes sign_request, answers verify_signature from the verification, and is audited', async () => {
    const before = await snapshot();
    const response = await sign(f.staff.operator.token, await f.cmsOverHash(0, request.sha256));
    expect(response.status).toBe(200);
    const result = (await response.json()) as {
      completedStepIds: string[];
      currentStepId: string | null;
      signerIin: string;
      signerName: string;
    };
    expect(result.completedStepIds).toEqual(['fo-sign-request', 'fo-verify-signature']);
    expect(result.signerIin).toBe(f.staff.operator.iin);
    // fo-route-request is the information system's, done automatically: the archive's head.
    expect(result.currentStepId).toBe('accept');
    const events = await listEvents(f.database.db, applicationId);
    const added = events.slice(before.events);
    expect(added).toMatchObject([
      { type: 'step_completed', stepId: 'fo-sign-request', actor: { kind: 'staff' } },
      {
        type: 'step_completed',
        stepId: 'fo-verify-signature',
        answer: true,
        actor: { kind: 'system', process: 'signature-verification' },
      },
      { type: 'step_completed', stepId: 'fo-route-request' },
    ]);
    const audit = await listAuditEvents(f.database.db, {
      subjectType: 'application',
      subjectId: applicationId,
    });
    const signedRow = audit.find((row) => row.action === 'front_office_request.signed');
    expect(signedRow?.details).toMatchObject({
      contentSha256: request.sha256,
      signerIin: f.staff.operator.iin,
      completedStepIds: ['fo-sign-request', 'fo-verify-signature'],
    });
    expect(audit.length).toBe(before.audit + added.length + 1);
    const after = (await (
      await f.call('GET', `/api/v1/applications/${applicationId}/front-office-request`, {
        token: f.staff.archiveHead.token,
      })
    ).json()) as RequestView;
    expect(after.signed).toMatchObject({ signerIin: f.staff.operator.iin });
    expect(after.isSignStepCurrent).toBe(false);
    // Signing again is refused: the signed request never changes.
    const again = await sign(f.staff.operator.token, await f.cmsOverHash(0, request.sha256));
    expect(again.status).toBe(409);
    await expect(
      f.database.db
        .updateTable('front_office_request')
        .set({ signer_name: 'someone else' })
        .where('application_id', '=', applicationId)
        .execute(),
    ).rejects.toThrow();
  });
});
