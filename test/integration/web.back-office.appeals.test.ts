import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAppeal } from '../../src/features/applications/file-appeal.js';
import { listEvents, listNotifications } from '../../src/storage/application.repository.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { applicationServices } from '../support/applications.js';
import { createBackOfficeFixture, type BackOfficeFixture } from '../support/back-office.js';
import { testBackend } from '../support/database.js';
import { openRefusedForm } from '../support/refused-form.js';

const duplicateFields = {
  'document-type': 'Аттестат об общем среднем образовании',
  'holder-name': 'Сейітқали Әлия',
  school: 'School 1',
};
const applicantIin = '900101300007';

describe(`the provider's head decides an appeal (Law "On public services", art. 25) on ${testBackend}`, () => {
  let f: BackOfficeFixture;
  let applicationId = '';
  let appealId = '';
  let appealDueAt = '';

  beforeAll(async () => {
    f = await createBackOfficeFixture();
    // An application of school 1 taken to its result: the executor drafts, the head signs, the
    // registry office issues it; then the applicant appeals.
    ({ applicationId } = await f.toReview());
    const prepared = await f.prepare(f.staff.executor, applicationId, {
      outcome: 'result',
      fields: duplicateFields,
    });
    const draft = (await prepared.json()) as { draftId: string; pdfSha256: string };
    const signed = await f.sign(
      f.staff.head,
      applicationId,
      draft.draftId,
      await f.cmsOverHash(0, draft.pdfSha256),
    );
    expect(signed.status).toBe(200);
    await f.command(f.staff.registry, applicationId, {
      kind: 'complete_step',
      stepId: 'issue-result',
    });
    f.clock.set('2019-04-25T05:00:00Z');
    const services = applicationServices(f.database, f.clock.now);
    const appeal = await fileAppeal(
      services,
      { kind: 'citizen', iin: applicantIin },
      {
        idempotencyKey: f.nextKey(),
        applicationId,
        text: 'Дубликат выдан с ошибкой в фамилии, прошу исправить.',
      },
    );
    appealId = appeal.appealId;
    appealDueAt = appeal.dueAt;
  });
  afterAll(async () => {
    await f?.database.close();
  });

  const decide = (who: typeof f.staff.head, body: Record<string, unknown>) =>
    f.call('POST', `/api/v1/applications/${applicationId}/commands`, {
      token: who.token,
      body: { idempotencyKey: f.nextKey(), kind: 'decide_appeal', appealId, ...body },
    });

  const form = async (who: typeof f.staff.head, fields: Record<string, string>) => {
    const { cookie, csrf } = await f.logIn(who);
    const posted = await f.app.request(`/back-office/appeals/${appealId}`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost:3000',
      },
      body: new URLSearchParams({ _csrf: csrf, idempotencyKey: f.nextKey(), ...fields }).toString(),
    });
    return Object.assign(posted, { cookie });
  };

  it("lists the appeal with its 5-working-day due to the provider's staff, not to another school", async () => {
    const { cookie } = await f.logIn(f.staff.registry);
    const list = await f.app.request('/back-office/appeals', { headers: { cookie } });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain(`data-appeal="${appealId}"`);
    // The menu offers what the role may open: appeals, not the head's escalations.
    expect(html).toContain('href="/back-office/appeals"');
    expect(html).not.toContain('href="/back-office/escalations"');
    expect(html).toContain('Ожидает решения');
    // Filed Thursday 25 April 2019: 5 working days, the day of filing not counted and 1 May
    // (Unity Day of the people of Kazakhstan) a holiday: Friday 3 May, 18:30 (UTC+6).
    expect(appealDueAt).toBe('2019-05-03T12:30:00.000Z');
    expect(html).toContain(`<time datetime="${appealDueAt}"`);

    const page = await f.app.request(`/back-office/appeals/${appealId}`, { headers: { cookie } });
    const pageHtml = await page.text();
    expect(pageHtml).toContain('Дубликат выдан с ошибкой в фамилии');
    // The registry office sees it but only the head decides.
    expect(pageHtml).not.toContain('name="decision"');
    expect(pageHtml).toContain('Решение по жалобе принимает руководитель услугодателя.');

    const other = await f.logIn(f.staff.otherHead);
    const otherList = await f.app.request('/back-office/appeals', {
      headers: { cookie: other.cookie },
    });
    expect(await otherList.text()).not.toContain(appealId);
    const otherPage = await f.app.request(`/back-office/appeals/${appealId}`, {
      headers: { cookie: other.cookie },
    });
    expect(otherPage.status).toBe(404);
  });

  it('refuses bad input, another school and the registry office; nothing changes', async () => {
    const events = async () => (await listEvents(f.database.db, applicationId)).length;
    const before = await events();

    // Post/redirect/get (issue 18, point 11): 303 to the appeal, whose GET shows the refusal.
    const posted = await form(f.staff.head, { decision: '', answer: 'short' });
    const empty = await openRefusedForm(
      f.app,
      posted,
      posted.cookie,
      `/back-office/appeals/${appealId}`,
    );
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('Выберите решение.');
    expect(emptyHtml).toContain('Напишите мотивированный ответ (не менее 10 символов).');
    expect(emptyHtml).toContain('>short</textarea>');

    const badApi = await decide(f.staff.head, { decision: 'maybe', answer: 'Ответ по существу.' });
    expect(badApi.status).toBe(422);

    const foreign = await decide(f.staff.otherHead, {
      decision: 'rejected',
      answer: 'Ответ другой школы.',
    });
    expect(foreign.status).toBe(404);

    const byRegistry = await decide(f.staff.registry, {
      decision: 'rejected',
      answer: 'Ответ канцелярии без полномочий.',
    });
    expect(byRegistry.status).toBe(403);

    const registryForm = await form(f.staff.registry, {
      decision: 'rejected',
      answer: 'Ответ канцелярии без полномочий.',
    });
    expect(registryForm.status).toBe(403);

    expect(await events()).toBe(before);
  });

  it('records the head’s decision once: log, audit, notification, the cabinet’s answer', async () => {
    const answer = 'Жалоба обоснована: дубликат будет переоформлен в течение 3 рабочих дней.';
    const decided = await form(f.staff.head, { decision: 'upheld', answer });
    expect(decided.status).toBe(303);
    expect(decided.headers.get('location')).toBe(`/back-office/appeals/${appealId}?done=1`);

    const { cookie } = await f.logIn(f.staff.head);
    const page = await (
      await f.app.request(`/back-office/appeals/${appealId}?done=1`, { headers: { cookie } })
    ).text();
    expect(page).toContain('href="/back-office/escalations"');
    expect(page).toContain('Решение зарегистрировано, услугополучатель уведомлён.');
    expect(page).toContain('Удовлетворена');
    expect(page).toContain(answer);
    expect(page).not.toContain('name="decision"');

    const events = await listEvents(f.database.db, applicationId);
    expect(events.at(-1)).toMatchObject({
      type: 'appeal_decided',
      appealId,
      decision: 'upheld',
      actor: { kind: 'staff', userId: f.staff.head.principal.staffId, role: 'head' },
    });
    const audit = await listAuditEvents(f.database.db, {
      subjectType: 'application',
      subjectId: applicationId,
    });
    expect(audit.map((row) => row.action)).toContain('application.appeal_decided');

    const notifications = await listNotifications(f.database.db, applicationId);
    const notice = notifications.find(
      (row) => row.kind === 'appeal_decided' && row.recipient_iin === applicantIin,
    );
    expect(notice?.message.ru).toMatch(/^Жалоба по заявлению №\S+ удовлетворена\./);

    const again = await decide(f.staff.head, {
      decision: 'rejected',
      answer: 'Повторное решение.',
    });
    expect(again.status).toBe(409);

    const view = (await (
      await f.call('GET', `/api/v1/applications/${applicationId}`, { token: f.staff.head.token })
    ).json()) as { availableCommands: { kind: string }[] };
    expect(view.availableCommands.map((command) => command.kind)).not.toContain('decide_appeal');
  });
});
