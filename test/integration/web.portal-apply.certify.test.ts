import { listEvents } from '../../src/storage/application.repository.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublicStatus } from '../../src/features/public-status/get-public-status.js';
import { statusCheckCodeOf } from '../../src/features/public-status/status-check-code.js';
import { applicationServices } from '../support/applications.js';
import {
  createPortalFixture,
  duplicatesForm,
  duplicatesRegulationId,
  type PortalFixture,
} from '../support/portal.js';
import { openRefusedForm } from '../support/refused-form.js';

let fixture: PortalFixture;
beforeAll(async () => {
  fixture = await createPortalFixture();
});
afterAll(async () => {
  await fixture?.database.close();
});

const form = (token: string, fields: Record<string, string> = {}) =>
  new URLSearchParams({ _csrf: token, ...fields });

describe('certifying a portal application with a one-time password', () => {
  it('refuses a wrong code with the attempts left, submits with the right one, once', async () => {
    const citizen = await fixture.citizen(7);
    const { cookie, token } = await fixture.csrf(
      citizen.cookie,
      `/apply/${duplicatesRegulationId}`,
    );
    const values = duplicatesForm(token, citizen.iin);
    values.set('f-document-status', 'lost'); // lost, name unchanged: no file is required
    const saved = await fixture.post(`/apply/${duplicatesRegulationId}`, cookie, values);
    const base = saved.headers.get('location')!.replace(/\/documents$/, '');

    const review = await fixture.app.request(`${base}/review`, { headers: { cookie } });
    expect(review.status).toBe(200);
    const digest = /<code class="checksum">([0-9a-f]{64})<\/code>/.exec(await review.text())?.[1];
    expect(digest).toMatch(/^[0-9a-f]{64}$/);

    const requested = await fixture.post(`${base}/review`, cookie, form(token));
    expect(requested.status).toBe(303);
    const certify = new URL(requested.headers.get('location')!, 'http://x');
    const challengeId = certify.searchParams.get('challenge')!;
    const code = fixture.sms.lastCodeTo(citizen.phone);

    const wrong = await fixture.post(
      `${base}/certify`,
      cookie,
      form(token, { challengeId, digest: digest!, code: code === '000000' ? '111111' : '000000' }),
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toMatch(/Неверный одноразовый пароль. Осталось попыток: \d/);
    expect(await fixture.database.db.selectFrom('application').select('id').execute()).toEqual([]);

    const right = await fixture.post(
      `${base}/certify`,
      cookie,
      form(token, { challengeId, digest: digest!, code }),
    );
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(`${base}/done`);
    const applications = await fixture.database.db
      .selectFrom('application')
      .select(['id', 'number', 'channel', 'applicant_iin', 'front_office_id'])
      .execute();
    expect(applications).toEqual([
      {
        id: expect.any(String),
        number: expect.stringMatching(/^\d{4}-\d{7}$/),
        channel: 'portal',
        applicant_iin: citizen.iin,
        front_office_id: 'kst-front-office',
      },
    ]);
    // The certification names the draft's digest the citizen saw.
    const certification = await fixture.database.db
      .selectFrom('otp_certification')
      .select(['id', 'digest_sha256', 'iin'])
      .executeTakeFirstOrThrow();
    expect(certification).toEqual({
      id: expect.any(String),
      digest_sha256: digest,
      iin: citizen.iin,
    });
    // The application's log names that certification: what the citizen certified is linked.
    const [submittedEvent] = await listEvents(fixture.database.db, applications[0]!.id);
    expect(submittedEvent).toMatchObject({
      type: 'submitted',
      certification: { method: 'otp', id: String(certification.id), digestSha256: digest },
    });

    const done = await fixture.app.request(`${base}/done`, { headers: { cookie } });
    const page = await done.text();
    const checkCode = statusCheckCodeOf(applications[0]!.id);
    const status = await getPublicStatus(
      applicationServices(fixture.database, fixture.clock.now),
      applications[0]!.number,
      checkCode,
    );
    expect(page).toContain(applications[0]!.number);
    // The check code that opens the public status is shown with the number (issue 16, defect 9).
    expect(page).toContain(`<dd class="status-check-code">${checkCode}</dd>`);
    expect(page).toContain(`datetime="${status.dueAt}"`);
    expect(page).toContain(`/cabinet/applications/${applications[0]!.id}`);

    // Posting the code again submits nothing more: the draft leads to its confirmation.
    const again = await fixture.post(
      `${base}/certify`,
      cookie,
      form(token, { challengeId, digest: digest!, code }),
    );
    expect(again.status).toBe(303);
    expect(await fixture.database.db.selectFrom('application').select('id').execute()).toHaveLength(
      1,
    );
  });

  it('does not send a code while a required file is missing (review answers 422)', async () => {
    const citizen = await fixture.citizen(8);
    const { cookie, token } = await fixture.csrf(
      citizen.cookie,
      `/apply/${duplicatesRegulationId}`,
    );
    const saved = await fixture.post(
      `/apply/${duplicatesRegulationId}`,
      cookie,
      duplicatesForm(token, citizen.iin), // damaged: the original is required
    );
    const base = saved.headers.get('location')!.replace(/\/documents$/, '');
    const sent = fixture.sms.messages.length;
    const posted = await fixture.post(`${base}/review`, cookie, form(token));
    // Post/redirect/get (issue 18, point 11): back to the review, which lists what is missing.
    const refused = await openRefusedForm(fixture.app, posted, cookie, `${base}/review`, {
      'accept-language': 'ru',
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Оригинал документа об образовании');
    expect(fixture.sms.messages.length).toBe(sent);
  });
});
