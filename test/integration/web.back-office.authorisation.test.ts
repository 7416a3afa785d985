import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBackOfficeFixture,
  type BackOfficeFixture,
  type FixtureStaff,
} from '../support/back-office.js';
import { openRefusedForm } from '../support/refused-form.js';

describe('the back office: organisations, roles, signatures and forgery', () => {
  let f: BackOfficeFixture;
  let sessions: Map<FixtureStaff, { cookie: string; csrf: string }>;
  beforeAll(async () => {
    f = await createBackOfficeFixture();
    sessions = new Map();
    for (const who of [f.staff.registry, f.staff.head, f.staff.executor, f.staff.otherHead]) {
      sessions.set(who, await f.logIn(who));
    }
  });
  afterAll(async () => {
    await f.database.close();
  });

  const page = (who: FixtureStaff, path: string) =>
    f.app.request(path, { headers: { cookie: sessions.get(who)!.cookie } });
  const post = (who: FixtureStaff, path: string, form: Record<string, string>, withCsrf = true) => {
    const session = sessions.get(who)!;
    return f.app.request(path, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...(withCsrf ? { _csrf: session.csrf } : {}),
        ...form,
      }).toString(),
    });
  };
  /** A refused form's 303 to `path`, followed as the same browser (issue 18, point 11). */
  const refusedOn = (who: FixtureStaff, path: string, posted: Response) =>
    openRefusedForm(f.app, posted, sessions.get(who)!.cookie, path);
  const versionOf = async (applicationId: string) =>
    (await (
      await f.call('GET', `/api/v1/applications/${applicationId}`, { token: f.staff.head.token })
    ).json()) as {
      version: number;
      currentStep: { id: string; dueAt: string } | null;
    };

  it('shows the head the application in the inbox with the engine’s due times', async () => {
    const { applicationId, number } = await f.submit();
    await f.command(f.staff.registry, applicationId, { kind: 'complete_step', stepId: 'register' });
    const engine = await versionOf(applicationId);
    const inbox = await page(f.staff.head, '/back-office');
    expect(inbox.status).toBe(200);
    const html = await inbox.text();
    expect(html).toContain(number);
    expect(html).toContain(`datetime="${engine.currentStep!.dueAt}"`);
    // Filters narrow the query itself (paging stays right).
    expect(await (await page(f.staff.head, '/back-office?service=duplicates')).text()).toContain(
      number,
    );
    expect(
      await (await page(f.staff.head, '/back-office?service=archive-certificate')).text(),
    ).not.toContain(number);
    expect(await (await page(f.staff.head, '/back-office?status=in_work')).text()).not.toContain(
      number,
    );
    expect(await (await page(f.staff.head, '/back-office?overdue=1')).text()).not.toContain(number);
    f.clock.set(new Date(new Date(engine.currentStep!.dueAt).getTime() + 60_000).toISOString());
    expect(await (await page(f.staff.head, '/back-office?overdue=1')).text()).toContain(number);
    f.clock.set('2019-04-01T04:00:00Z');
    const detail = await page(f.staff.head, `/back-office/applications/${applicationId}`);
    expect(detail.status).toBe(200);
    const body = await detail.text();
    expect(body).toContain('id="assign-form"');
    expect(body).toContain(f.staff.executor.principal.staffId);
  });

  it('answers 404 to another organisation’s staff on pages, forms and the API', async () => {
    const { applicationId } = await f.submit();
    const before = await versionOf(applicationId);
    expect(
      (await page(f.staff.otherHead, `/back-office/applications/${applicationId}`)).status,
    ).toBe(404);
    const forged = await post(
      f.staff.otherHead,
      `/back-office/applications/${applicationId}/actions/complete`,
      {
        idempotencyKey: 'web-key-other-org-1',
        stepId: 'register',
      },
    );
    expect(forged.status).toBe(404);
    const api = await f.call('GET', `/api/v1/applications/${applicationId}`, {
      token: f.staff.otherHead.token,
    });
    expect(api.status).toBe(404);
    const apiCommand = await f.call('POST', `/api/v1/applications/${applicationId}/commands`, {
      token: f.staff.otherRegistry.token,
      body: { idempotencyKey: 'api-key-other-org-1', kind: 'complete_step', stepId: 'register' },
    });
    expect(apiCommand.status).toBe(404);
    // Nor does their inbox list it.
    expect(await (await page(f.staff.otherHead, '/back-office')).text()).not.toContain(
      applicationId,
    );
    expect((await versionOf(applicationId)).version).toBe(before.version);
  });

  it('refuses the wrong role with the engine’s message and the allowed actions, and changes nothing', async () => {
    const { applicationId } = await f.submit();
    const before = await versionOf(applicationId);
    // The head tries the registry office's registration.
    const response = await post(
      f.staff.head,
      `/back-office/applications/${applicationId}/actions/complete`,
      {
        idempotencyKey: 'web-key-wrong-role-1',
        stepId: 'register',
      },
    );
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('У вас нет права на это действие.');
    expect(html).toContain('id="refusal-message"');
    expect((await versionOf(applicationId)).version).toBe(before.version);
    // The registry office can; then registering again is a conflict naming the current state.
    const done = await post(
      f.staff.registry,
      `/back-office/applications/${applicationId}/actions/complete`,
      {
        idempotencyKey: 'web-key-register-1',
        stepId: 'register',
      },
    );
    expect(done.status).toBe(303);
    const again = await post(
      f.staff.registry,
      `/back-office/applications/${applicationId}/actions/complete`,
      {
        idempotencyKey: 'web-key-register-2',
        stepId: 'register',
      },
    );
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Текущий статус');
  });

  it('refuses a form without the anti-forgery token and changes nothing', async () => {
    const { applicationId } = await f.submit();
    const before = await versionOf(applicationId);
    const response = await post(
      f.staff.registry,
      `/back-office/applications/${applicationId}/actions/complete`,
      { idempotencyKey: 'web-key-csrf-1', stepId: 'register' },
      false,
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Форма устарела');
    expect((await versionOf(applicationId)).version).toBe(before.version);
  });

  it('refuses a CMS by the wrong person with the localised signature message and stores nothing', async () => {
    const { applicationId } = await f.toReview();
    const drafted = await post(
      f.staff.executor,
      `/back-office/applications/${applicationId}/actions/draft-result`,
      {
        idempotencyKey: 'web-key-draft-1',
        'field.document-type': 'Аттестат',
        'field.holder-name': 'Сейітқали Әлия',
        'field.school': 'School 1',
      },
    );
    expect(drafted.status).toBe(303);
    const signPage = await (
      await page(f.staff.head, `/back-office/applications/${applicationId}`)
    ).text();
    const draftId = /name="draftId" value="([0-9a-f-]{36})"/.exec(signPage)![1]!;
    const sha256 = /id="draft-sha256">([0-9a-f]{64})</.exec(signPage)![1]!;
    expect(signPage).toContain('data-ncalayer-sign');
    const before = await versionOf(applicationId);
    // Post/redirect/get (issue 18, point 11): 303 to the application, whose GET shows the 422.
    const wrong = await refusedOn(
      f.staff.head,
      `/back-office/applications/${applicationId}`,
      await post(f.staff.head, `/back-office/applications/${applicationId}/actions/sign`, {
        idempotencyKey: 'web-key-sign-wrong-1',
        draftId,
        cms: await f.cmsOverHash(1, sha256),
      }),
    );
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain('Не подтверждение подлинности ЭЦП.');
    expect(html).toContain('class="error-summary"');
    expect((await versionOf(applicationId)).version).toBe(before.version);
    expect(signPage).not.toContain('id="documents"');
    // The draft's PDF is there for the head, not for the other school.
    expect(
      (await page(f.staff.head, `/back-office/applications/${applicationId}/drafts/${draftId}.pdf`))
        .status,
    ).toBe(200);
    expect(
      (
        await page(
          f.staff.otherHead,
          `/back-office/applications/${applicationId}/drafts/${draftId}.pdf`,
        )
      ).status,
    ).toBe(404);

    const right = await post(
      f.staff.head,
      `/back-office/applications/${applicationId}/actions/sign`,
      {
        idempotencyKey: 'web-key-sign-right-1',
        draftId,
        cms: await f.cmsOverHash(0, sha256),
      },
    );
    expect(right.status).toBe(303);
    expect((await versionOf(applicationId)).currentStep?.id).toBe('issue-result');
  });

  it('keeps what was typed and shows the 422 on the page an invalid form goes back to', async () => {
    const { applicationId } = await f.submit();
    const response = await refusedOn(
      f.staff.head,
      `/back-office/applications/${applicationId}`,
      await post(f.staff.head, `/back-office/applications/${applicationId}/actions/suspend`, {
        idempotencyKey: 'web-key-suspend-1',
        reason: 'ab',
      }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#suspend-reason"');
    expect(html).toMatch(/<textarea id="suspend-reason"[^>]*>ab<\/textarea>/);
    // The language switch leads back to the application, not to the form's address.
    expect(html).toContain(`href="/back-office/applications/${applicationId}?lang=kk"`);
  });
});
