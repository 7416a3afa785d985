import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { createBackOfficeFixture, type BackOfficeFixture } from '../support/back-office.js';
import { testBackend } from '../support/database.js';
import { withSetCookies } from '../support/refused-form.js';

/**
 * Post/redirect/get in the back office (issue 18, point 11): a command's form refused for its
 * input (`/back-office/applications/<id>/actions/<action>`) answers 303 to the application's
 * page (the POST's `?lang=` kept), whose GET shows the errors beside the form and what was typed
 * once; a reload sends nothing; the corrected form changes the state once, audited once. A
 * conflict (409) is still answered in place.
 */
describe(`the back office: a refused form redirects to the application, which shows it once, on ${testBackend}`, () => {
  let f: BackOfficeFixture;

  beforeAll(async () => {
    f = await createBackOfficeFixture();
  });
  afterAll(async () => {
    await f?.database.close();
  });

  const post = (cookie: string, path: string, form: Record<string, string>) =>
    f.app.request(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const get = (cookie: string, path: string) =>
    f.app.request(path, { headers: { accept: 'text/html', cookie } });

  it('a suspension without its reason: 303, the page in kk shows the error and the text, once; then suspended once', async () => {
    const { applicationId } = await f.submit();
    const { cookie, csrf } = await f.logIn(f.staff.head);
    const page = `/back-office/applications/${applicationId}`;
    const suspensions = async () =>
      (
        await listAuditEvents(f.database.db, {
          subjectType: 'application',
          subjectId: applicationId,
          action: 'application.suspended',
        })
      ).length;

    const posted = await post(cookie, `${page}/actions/suspend?lang=kk`, {
      _csrf: csrf,
      idempotencyKey: 'prg-suspend-1',
      reason: 'ab',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`${page}?lang=kk`);
    expect(posted.headers.getSetCookie().join('\n')).not.toContain('ab;');

    const withMarker = withSetCookies(cookie, posted);
    const shown = await get(withMarker, `${page}?lang=kk`);
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('<html lang="kk">');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#suspend-reason"');
    expect(html).toMatch(/<textarea id="suspend-reason"[^>]*>ab<\/textarea>/);
    expect(await suspensions()).toBe(0);

    // A reload (or the back button) is a GET of the page: no error, nothing sent again.
    const again = await get(withSetCookies(withMarker, shown), `${page}?lang=kk`);
    expect(again.status).toBe(200);
    const againHtml = await again.text();
    expect(againHtml).not.toContain('class="error-summary"');
    expect(againHtml).not.toMatch(/<textarea id="suspend-reason"[^>]*>ab<\/textarea>/);
    expect(await f.database.db.selectFrom('form_flash').selectAll().execute()).toEqual([]);

    // Corrected: suspended once, one audit row; the same key again changes nothing.
    const reason = 'Ожидается ответ на запрос в архив';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const done = await post(cookie, `${page}/actions/suspend`, {
        _csrf: csrf,
        idempotencyKey: 'prg-suspend-2',
        reason,
      });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe(`${page}?done=1`);
    }
    expect(await suspensions()).toBe(1);
  });

  it('a conflict is answered in place (409), in ru, and nothing is kept', async () => {
    const { applicationId } = await f.submit();
    const registry = await f.logIn(f.staff.registry);
    const register = (key: string) =>
      post(registry.cookie, `/back-office/applications/${applicationId}/actions/complete`, {
        _csrf: registry.csrf,
        idempotencyKey: key,
        stepId: 'register',
      });
    expect((await register('prg-register-1')).status).toBe(303);
    const conflict = await register('prg-register-2');
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('location')).toBeNull();
    expect(await conflict.text()).toContain('Текущий статус');
    expect(await f.database.db.selectFrom('form_flash').selectAll().execute()).toEqual([]);
  });
});
