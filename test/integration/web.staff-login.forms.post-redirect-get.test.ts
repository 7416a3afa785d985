import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { createApiFixture } from '../support/api.js';
import { withSetCookies } from '../support/refused-form.js';
import { apiFixtureWithHeadPassword } from '../support/staff-session.js';

/**
 * Post/redirect/get of the staff sign-in (issue 18, point 11): a form refused for its input
 * answers 303 to /staff/login, whose GET shows the errors and the IIN (never the password) once;
 * a reload signs nobody in; the right password then opens one session, audited once. A wrong
 * password (401) is still answered in place, as on the citizen portal.
 */
describe('the staff sign-in: a refused form redirects to /staff/login, which shows it once', () => {
  let fixture: Awaited<ReturnType<typeof createApiFixture>>;
  let headIin = '';
  const password = 'Correct-horse-7';

  beforeAll(async () => {
    ({ fixture, headIin } = await apiFixtureWithHeadPassword('2024-04-01T04:00:00Z', password));
  });
  afterAll(() => fixture?.database.close());

  /** A browser that opened the sign-in page: its cookies (anti-forgery token, language). */
  const browser = async (lang: string) => {
    const page = await fixture.app.request(`/staff/login?lang=${lang}`);
    const cookie = withSetCookies('', page);
    const token = /qyzmet_csrf=([^;]+)/.exec(cookie)![1]!;
    return { cookie, token };
  };
  const post = (cookie: string, form: Record<string, string>) =>
    fixture.app.request('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams(form).toString(),
    });
  const get = (cookie: string) =>
    fixture.app.request('/staff/login', { headers: { accept: 'text/html', cookie } });
  const sessions = async () =>
    (await listAuditEvents(fixture.database.db, { action: 'session.created' })).length;

  it('303 to /staff/login; its GET shows the errors in kk with the IIN and the return path, not the password', async () => {
    const { cookie, token } = await browser('kk');
    const before = await sessions();
    const posted = await post(cookie, {
      _csrf: token,
      iin: '8001',
      password: 'Typed-secret-1',
      next: '/back-office/appeals',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/staff/login');
    expect(posted.headers.getSetCookie().join('\n')).not.toContain('8001');
    const kept = await fixture.database.db.selectFrom('form_flash').selectAll().execute();
    expect(kept).toHaveLength(1);
    expect(JSON.stringify(kept[0]?.payload)).toContain('8001');
    expect(JSON.stringify(kept[0]?.payload)).not.toContain('Typed-secret-1');

    const withMarker = withSetCookies(cookie, posted);
    const shown = await get(withMarker);
    expect(shown.status).toBe(422);
    const html = await shown.text();
    expect(html).toContain('<html lang="kk">');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#iin"');
    expect(html).toContain('12 цифрдан тұратын ЖСН');
    expect(html).toMatch(/id="iin"[^>]*value="8001"|value="8001"[^>]*id="iin"/);
    expect(html).toContain('value="/back-office/appeals"');
    expect(html).not.toContain('Typed-secret-1');

    // Read once: a reload is the empty page and signs nobody in.
    const again = await get(withSetCookies(withMarker, shown));
    expect(again.status).toBe(200);
    const againHtml = await again.text();
    expect(againHtml).not.toContain('class="error-summary"');
    expect(againHtml).not.toContain('value="8001"');
    expect(await fixture.database.db.selectFrom('form_flash').selectAll().execute()).toEqual([]);
    expect(await sessions()).toBe(before);

    // The right password: one session, audited once, to the return path.
    const signedIn = await post(cookie, {
      _csrf: token,
      iin: headIin,
      password,
      next: '/back-office/appeals',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/back-office/appeals');
    expect(await sessions()).toBe(before + 1);
  });

  it('a wrong password is answered in place (401), in ru, and nothing is kept', async () => {
    const { cookie, token } = await browser('ru');
    const wrong = await post(cookie, { _csrf: token, iin: headIin, password: 'not it' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('location')).toBeNull();
    expect(await wrong.text()).toContain('Неверный ИИН или пароль.');
    expect(await fixture.database.db.selectFrom('form_flash').selectAll().execute()).toEqual([]);
  });
});
