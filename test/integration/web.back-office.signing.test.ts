import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackOfficeFixture, type BackOfficeFixture } from '../support/back-office.js';

const duplicateFields = {
  'document-type': 'Аттестат об общем среднем образовании',
  'holder-name': 'Сейітқали Әлия',
  school: 'School 1',
};

interface Prepared {
  draftId: string;
  documentId: string;
  number: string;
  pdfSha256: string;
  pdfSha256Base64: string;
  currentStepId: string;
}

describe('two-phase signing of results: the executor drafts, the head signs with NCALayer', () => {
  let f: BackOfficeFixture;
  beforeAll(async () => {
    f = await createBackOfficeFixture();
  });
  afterAll(async () => {
    await f.database.close();
  });

  const verify = async (documentId: string) => {
    const response = await f.call('GET', `/verify/${documentId}`, {
      headers: { accept: 'application/json' },
    });
    return { status: response.status, body: (await response.json()) as { genuine?: boolean } };
  };
  const view = async (applicationId: string) =>
    (await (
      await f.call('GET', `/api/v1/applications/${applicationId}`, { token: f.staff.head.token })
    ).json()) as {
      currentStep: { id: string } | null;
      version: number;
    };

  it('lists both phases in the OpenAPI document', async () => {
    const document = (await (await f.call('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    const paths = Object.keys(document.paths);
    expect(paths.some((path) => path.endsWith('/documents/prepare'))).toBe(true);
    expect(paths.some((path) => /\/documents\/\{draftId\}\/sign$/.test(path))).toBe(true);
  });

  it('drafts the result, refuses a CMS by the wrong person, and issues a genuine document for the head', async () => {
    const { applicationId } = await f.toReview();
    const prepared = await f.prepare(f.staff.executor, applicationId, {
      outcome: 'result',
      fields: duplicateFields,
    });
    expect(prepared.status).toBe(200);
    const draft = (await prepared.json()) as Prepared;
    expect(draft.currentStepId).toBe('sign');
    // Numbered by kind (the result's prefix); the title comes from the regulation.
    expect(draft.number).toMatch(/^RES-2019-\d{6}$/);
    expect(Buffer.from(draft.pdfSha256Base64, 'base64').toString('hex')).toBe(draft.pdfSha256);

    // A CMS made with the executor's key, sent by the head: not the head's IIN.
    const before = await view(applicationId);
    const wrongKey = await f.sign(
      f.staff.head,
      applicationId,
      draft.draftId,
      await f.cmsOverHash(1, draft.pdfSha256),
    );
    expect(wrongKey.status).toBe(422);
    const refusal = (await wrongKey.json()) as {
      error: {
        code: string;
        message: string;
        details: { reason: string; reasonMessage: { ru: string } };
      };
    };
    expect(refusal.error.code).toBe('signature_not_confirmed');
    expect(refusal.error.details.reason).toBe('iin_mismatch');
    expect(refusal.error.message).toBe('Не подтверждение подлинности ЭЦП.');
    expect(refusal.error.details.reasonMessage.ru.length).toBeGreaterThan(5);
    // The head's key over another hash: the content differs from what was signed.
    const otherHash = await f.sign(
      f.staff.head,
      applicationId,
      draft.draftId,
      await f.cmsOverHash(0, '00'.repeat(32)),
    );
    expect(otherHash.status).toBe(422);
    // The executor may not sign at all (403: not the head's step), even with the head's key.
    const byExecutor = await f.sign(
      f.staff.executor,
      applicationId,
      draft.draftId,
      await f.cmsOverHash(0, draft.pdfSha256),
    );
    expect([403, 409]).toContain(byExecutor.status);
    expect((await verify(draft.documentId)).status).toBe(404);
    expect((await view(applicationId)).version).toBe(before.version);

    const signed = await f.sign(
      f.staff.head,
      applicationId,
      draft.draftId,
      await f.cmsOverHash(0, draft.pdfSha256),
    );
    expect(signed.status).toBe(200);
    const result = (await signed.json()) as {
      documentId: string;
      currentStepId: string;
      verifyUrl: string;
    };
    expect(result.documentId).toBe(draft.documentId);
    expect(result.currentStepId).toBe('issue-result');
    expect(result.verifyUrl).toMatch(new RegExp(`/verify/${draft.documentId}$`));
    const verified = await verify(draft.documentId);
    expect(verified.status).toBe(200);
    expect(verified.body.genuine).toBe(true);
    // Signing the same draft again is refused: it is no longer the signing step.
    const again = await f.sign(
      f.staff.head,
      applicationId,
      draft.draftId,
      await f.cmsOverHash(0, draft.pdfSha256),
    );
    expect(again.status).toBe(409);
  });

  it('drafts a reasoned refusal with its grounds from the review step and issues it', async () => {
    const { applicationId } = await f.toReview();
    const missingGrounds = await f.prepare(f.staff.executor, applicationId, {
      outcome: 'reasoned_refusal',
      fields: {},
    });
    expect(missingGrounds.status).toBe(422);
    expect((await view(applicationId)).currentStep?.id).toBe('review');
    const prepared = await f.prepare(f.staff.executor, applicationId, {
      outcome: 'reasoned_refusal',
      fields: { applicantName: 'Сейітқали Әлия', grounds: ['Недостоверные сведения'] },
    });
    expect(prepared.status).toBe(200);
    const draft = (await prepared.json()) as Prepared;
    expect(draft.currentStepId).toBe('sign-refusal');
    expect(draft.number).toMatch(/^REF-/);
    const signed = await f.sign(
      f.staff.head,
      applicationId,
      draft.draftId,
      await f.cmsOverHash(0, draft.pdfSha256),
    );
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { currentStepId: string }).currentStepId).toBe(
      'issue-refusal',
    );
    expect((await verify(draft.documentId)).body.genuine).toBe(true);
  });

  it('refuses a draft by anyone but the appointed executor, and changes nothing', async () => {
    const { applicationId } = await f.toReview();
    const byHead = await f.prepare(f.staff.head, applicationId, {
      outcome: 'result',
      fields: duplicateFields,
    });
    expect(byHead.status).toBe(403);
    const byOtherSchool = await f.prepare(f.staff.otherExecutor, applicationId, {
      outcome: 'result',
      fields: duplicateFields,
    });
    expect(byOtherSchool.status).toBe(404);
    expect((await view(applicationId)).currentStep?.id).toBe('review');
  });
});
