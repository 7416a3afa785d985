import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPortalFixture,
  duplicatesForm,
  duplicatesRegulationId,
  type PortalFixture,
} from '../support/portal.js';
import { withSetCookies } from '../support/refused-form.js';

/**
 * Post/redirect/get for refused forms (issue 18, point 11): a citizen's form that fails
 * validation answers 303 to its page, whose GET shows the errors (linked to their fields) and
 * the values once; the back button and a reload never send the form again. Nothing of the form
 * is in the URL or in a cookie; only the same browser, in the same session, sees it.
 */
describe('the portal: a refused form redirects to its page, which shows the refusal once', () => {
  let f: PortalFixture;

  beforeAll(async () => {
    f = await createPortalFixture();
  });
  afterAll(async () => {
    await f?.database.close();
  });

  const get = (path: string, cookie: string) =>
    f.app.request(path, { headers: { cookie, 'accept-language': 'ru' } });

  it('sign-in: 303 to /login, whose GET shows the error with its anchor and the IIN, not the password', async () => {
    const browser = await f.csrf();
    const posted = await f.post(
      '/login?lang=ru',
      browser.cookie,
      new URLSearchParams({ _csrf: browser.token, iin: '12345', password: 'Secret-pass-1' }),
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/login?lang=ru');
    const setCookies = posted.headers.getSetCookie().join('\n');
    expect(setCookies).not.toContain('12345');
    expect(setCookies).not.toContain('Secret-pass-1');

    const kept = await f.database.db.selectFrom('form_flash').selectAll().execute();
    expect(kept).toHaveLength(1);
    expect(JSON.stringify(kept[0]?.payload)).toContain('12345');
    expect(JSON.stringify(kept[0]?.payload)).not.toContain('Secret-pass-1');

    const cookie = withSetCookies(browser.cookie, posted);
    const shown = await get('/login?lang=ru', cookie);
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#iin"');
    expect(html).toContain('Должно быть ровно 12 символов');
    expect(html).toMatch(/id="iin"[^>]*value="12345"|value="12345"[^>]*id="iin"/);
    expect(html).not.toContain('Secret-pass-1');

    // Read once: a reload shows the empty form, and the row is gone.
    const again = await get('/login?lang=ru', withSetCookies(cookie, shown));
    expect(again.status).toBe(200);
    expect(await again.text()).not.toContain('class="error-summary"');
    expect(await f.database.db.selectFrom('form_flash').selectAll().execute()).toEqual([]);
  });

  it('another browser, or the same one on another page, does not see the refusal', async () => {
    const browser = await f.csrf();
    const posted = await f.post(
      '/login',
      browser.cookie,
      new URLSearchParams({ _csrf: browser.token, iin: '777', password: '' }),
    );
    expect(posted.status).toBe(303);
    const cookie = withSetCookies(browser.cookie, posted);

    const stranger = await f.csrf();
    const theirs = await get('/login', `${stranger.cookie}; qyzmet_form=1`);
    expect(theirs.status).toBe(200);
    expect(await theirs.text()).not.toContain('value="777"');

    const elsewhere = await get('/register', cookie);
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.text()).not.toContain('value="777"');

    const mine = await get('/login', cookie);
    expect(mine.status).toBe(422);
    expect(await mine.text()).toContain('value="777"');
  });

  it('the application form: 303 to the form, whose GET shows the errors beside the fields and keeps the draft', async () => {
    const { cookie: session, iin } = await f.citizen(1);
    const browser = await f.csrf(session, `/apply/${duplicatesRegulationId}`);
    const body = duplicatesForm(browser.token, iin);
    body.set('f-applicant-iin', '123456789012');
    body.set('f-document-status', '');
    const posted = await f.post(`/apply/${duplicatesRegulationId}`, browser.cookie, body);
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/apply/${duplicatesRegulationId}`);
    expect(posted.headers.get('location')).not.toContain('123456789012');

    const shown = await get(
      `/apply/${duplicatesRegulationId}`,
      withSetCookies(browser.cookie, posted),
    );
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('href="#f-applicant-iin"');
    expect(html).toContain('href="#f-document-status-0"');
    expect(html).toContain('не сходится контрольная цифра');
    expect(html).toContain('id="f-applicant-iin-error"');
    expect(html).toContain('value="123456789012"');
    // The draft the refused post saved is carried on, so the next post continues it.
    const draft = await f.database.db.selectFrom('portal_draft').select('id').executeTakeFirst();
    expect(draft).toBeDefined();
    expect(html).toContain(`value="${draft?.id}"`);
  });

  it('the one-time-code page, whose state comes in the form: the refusal is shown in answer, not lost on a redirect', async () => {
    // `/login/code` without its challenge in the URL sends a GET to `/login`: a 303 there
    // would drop the error and the code the citizen was typing. The refusal is rendered at once.
    const browser = await f.csrf();
    const challengeId = '00000000-0000-4000-8000-000000000000';
    const posted = await f.post(
      '/login/code?lang=ru',
      browser.cookie,
      new URLSearchParams({
        _csrf: browser.token,
        challengeId,
        maskedPhone: '+7 *** 12',
        code: '12',
      }),
    );
    expect(posted.status).toBe(422);
    expect(posted.headers.get('location')).toBeNull();
    const html = await posted.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#code"');
    expect(html).toContain(`value="${challengeId}"`);
    expect(await f.database.db.selectFrom('form_flash').selectAll().execute()).toEqual([]);
  });
});
