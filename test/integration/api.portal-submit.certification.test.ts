import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { regulationCatalog } from '../support/applications.js';
import { listEvents } from '../../src/storage/application.repository.js';
import { testBackend } from '../support/database.js';
import {
  createPortalFixture,
  duplicatesRegulationId,
  type PortalFixture,
} from '../support/portal.js';

/*
 * Issue 16, defect 5: the API's portal submit skipped the portal's checks — no one-time
 * password, yet `signature_valid: true` in the log, and any citizen could name themselves the
 * representative of anyone and then read the principal's application. The portal channel over
 * the API now goes through the portal's own drafts and one-time password.
 */
let fixture: PortalFixture;
beforeAll(async () => {
  fixture = await createPortalFixture();
});
afterAll(async () => {
  await fixture?.database.close();
});

const json = (cookie: string, body: unknown) => ({
  method: 'POST',
  headers: { cookie, 'content-type': 'application/json', 'accept-language': 'en' },
  body: JSON.stringify(body),
});

const applicationCount = async () =>
  (await fixture.database.db.selectFrom('application').select('id').execute()).length;

function bareSubmit(applicantIin: string, extra: Record<string, unknown> = {}) {
  const regulation = regulationCatalog().getById(duplicatesRegulationId);
  return {
    idempotencyKey: `bare-${applicantIin}-${Object.keys(extra).length}`,
    serviceCode: 'duplicates',
    channel: 'portal',
    applicantIin,
    providerOrganisationId: 'kst-school-1',
    frontOfficeId: 'kst-front-office',
    fields: { ...demoFields(regulation, 'kst-front-office'), 'applicant-iin': applicantIin },
    ...extra,
  };
}

describe(`the API's portal channel demands what the portal demands, on ${testBackend}`, () => {
  it('refuses a bare portal submit without a one-time password: nothing is created', async () => {
    const citizen = await fixture.citizen(31);
    const before = await applicationCount();
    const response = await fixture.app.request(
      '/api/v1/applications',
      json(citizen.cookie, bareSubmit(citizen.iin)),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { code: string; message: string; details: { issues: unknown[] } };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toBe('Some data is not valid. Check the marked fields.');
    expect(body.error.details.issues).toEqual([
      { path: 'body.channel', rule: 'portal_through_drafts' },
    ]);
    expect(await applicationCount()).toBe(before);
  });

  it("refuses a citizen naming themselves another person's representative: nothing to read", async () => {
    const intruder = await fixture.citizen(32);
    const principal = await fixture.citizen(33);
    const before = await applicationCount();
    const response = await fixture.app.request(
      '/api/v1/applications',
      json(intruder.cookie, bareSubmit(principal.iin, { representativeIin: intruder.iin })),
    );
    expect(response.status).toBe(422);
    expect(await applicationCount()).toBe(before);
    const listed = await fixture.app.request('/api/v1/me/applications', {
      headers: { cookie: intruder.cookie },
    });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('submits through a draft certified by the one-time password, recorded in the log', async () => {
    const citizen = await fixture.citizen(34);
    const saved = await fixture.app.request(
      '/api/v1/portal/drafts',
      json(citizen.cookie, {
        regulationId: duplicatesRegulationId,
        providerOrganisationId: 'kst-school-1',
        frontOfficeId: 'kst-front-office',
        fields: { 'applicant-iin': citizen.iin, 'document-status': 'lost', 'name-changed': 'no' },
      }),
    );
    expect(saved.status).toBe(201);
    const { draftId, issues } = (await saved.json()) as { draftId: string; issues: unknown[] };
    expect(issues).toEqual([]);

    // Another citizen can neither certify nor submit this draft.
    const other = await fixture.citizen(35);
    const foreign = await fixture.app.request(
      `/api/v1/portal/drafts/${draftId}/certification`,
      json(other.cookie, {}),
    );
    expect(foreign.status).toBe(404);

    const requested = await fixture.app.request(
      `/api/v1/portal/drafts/${draftId}/certification`,
      json(citizen.cookie, {}),
    );
    expect(requested.status).toBe(200);
    const challenge = (await requested.json()) as { challengeId: string; digestSha256: string };
    expect(challenge.digestSha256).toMatch(/^[0-9a-f]{64}$/);
    const code = fixture.sms.lastCodeTo(citizen.phone);

    const before = await applicationCount();
    const wrong = await fixture.app.request(
      `/api/v1/portal/drafts/${draftId}/submission`,
      json(citizen.cookie, {
        challengeId: challenge.challengeId,
        code: code === '000000' ? '111111' : '000000',
        digestSha256: challenge.digestSha256,
      }),
    );
    expect(wrong.status).toBe(401);
    expect(await applicationCount()).toBe(before);

    const submitted = await fixture.app.request(
      `/api/v1/portal/drafts/${draftId}/submission`,
      json(citizen.cookie, {
        challengeId: challenge.challengeId,
        code,
        digestSha256: challenge.digestSha256,
      }),
    );
    expect(submitted.status).toBe(201);
    const { applicationId } = (await submitted.json()) as { applicationId: string };
    const certification = await fixture.database.db
      .selectFrom('otp_certification')
      .select(['id', 'digest_sha256', 'iin'])
      .where('iin', '=', citizen.iin)
      .executeTakeFirstOrThrow();
    expect(certification.digest_sha256).toBe(challenge.digestSha256);
    const events = await listEvents(fixture.database.db, applicationId);
    expect(events[0]).toMatchObject({
      type: 'submitted',
      applicantIin: citizen.iin,
      certification: {
        method: 'otp',
        id: String(certification.id),
        digestSha256: challenge.digestSha256,
      },
    });
    expect(events[0]).not.toHaveProperty('representativeIin');

    const read = await fixture.app.request(`/api/v1/applications/${applicationId}`, {
      headers: { cookie: citizen.cookie },
    });
    expect(read.status).toBe(200);
    const notTheirs = await fixture.app.request(`/api/v1/applications/${applicationId}`, {
      headers: { cookie: other.cookie },
    });
    expect(notTheirs.status).toBe(404);
  });
});
