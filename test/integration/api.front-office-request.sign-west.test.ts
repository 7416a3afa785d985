// West Kazakhstan's extern permission (seed 000, annex 1, point 9, item 7): the operator's
// fo-send-request comes after the receipt and before the courier, with no verify_signature
// step — the signature completes it and the package waits for the courier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import {
  createFrontOfficeRequestFixture,
  westExternScenario,
  type FrontOfficeRequestFixture,
} from '../support/front-office-request.js';

describe('the electronic request of a West Kazakhstan front office', () => {
  let f: FrontOfficeRequestFixture;
  beforeAll(async () => {
    f = await createFrontOfficeRequestFixture(westExternScenario);
  });
  afterAll(async () => {
    await f?.database.close();
  });

  it('waits at fo-send-request with the receipt’s hash in the request, then goes to the courier', async () => {
    const { applicationId, documentId } = await f.take();
    const read = await f.call('GET', `/api/v1/applications/${applicationId}/front-office-request`, {
      token: f.staff.operator.token,
    });
    expect(read.status).toBe(200);
    const request = (await read.json()) as {
      sha256: string;
      isSignStepCurrent: boolean;
      signStepId: string;
      content: { issuedDocuments: { id: string; kind: string; sha256: string }[] };
    };
    expect(request.signStepId).toBe('fo-send-request');
    expect(request.isSignStepCurrent).toBe(true);
    const receipt = await f.database.db
      .selectFrom('document')
      .select(['id', 'pdf_sha256'])
      .where('id', '=', documentId!)
      .executeTakeFirstOrThrow();
    expect(request.content.issuedDocuments).toEqual([
      expect.objectContaining({ id: receipt.id, kind: 'receipt', sha256: receipt.pdf_sha256 }),
    ]);
    const signed = await f.call(
      'POST',
      `/api/v1/applications/${applicationId}/front-office-request/sign`,
      {
        token: f.staff.operator.token,
        body: { idempotencyKey: f.nextKey(), cms: await f.cmsOverHash(0, request.sha256) },
      },
    );
    expect(signed.status).toBe(200);
    const result = (await signed.json()) as {
      completedStepIds: string[];
      currentStepId: string;
    };
    expect(result.completedStepIds).toEqual(['fo-send-request']);
    expect(result.currentStepId).toBe('fo-courier');
    const audit = await listAuditEvents(f.database.db, {
      subjectType: 'application',
      subjectId: applicationId,
    });
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['front_office_request.prepared', 'front_office_request.signed']),
    );
  });
});
