import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStaffPassword } from '../../src/features/identity/set-staff-password.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { createApiFixture } from '../support/api.js';
import { createStaff } from '../support/applications.js';
import { openRefusedForm } from '../support/refused-form.js';
import { apiFixtureWithHeadPassword } from '../support/staff-session.js';

const password = 'correct horse battery';

type Fixture = Awaited<ReturnType<typeof createApiFixture>>;

/** Cookies of a response as name → value. */
function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const index = pair.indexOf('=');
    cookies.set(pair.slice(0, index), pair.slice(index + 1));
  }
  return cookies;
}

describe('web pages: staff sign-in, anti-forgery, language, errors', () => {
  let fixture: Fixture;
  let headIin: string;
  let csrf: string;

  const sessionsCount = async () =>
    (await fixture.database.db.selectFrom('session').select('id').execute()).length;

  const postLogin = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    fixture.app.request('/staff/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `qyzmet_csrf=${csrf}; qyzmet_lang=en`,
        ...headers,
      },
      body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
    });

  beforeAll(async () => {
    ({ fixture, headIin } = await apiFixtureWithHeadPassword('2024-04-01T04:00:00Z', password));
    const page = await fixture.app.request('/staff/login', {
      headers: { 'accept-language': 'ru' },
    });
    csrf = cookiesOf(page).get('qyzmet_csrf')!;
  });
  afterAll(() => fixture.database.close());

  it('serves the sign-in page in the browser’s language with a strict policy and a token', async () => {
    const response = await fixture.app.request('/staff/login', {
      headers: { 'accept-language': 'ru-RU,ru;q=0.9' },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Вход для сотрудников');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const token = cookiesOf(response).get('qyzmet_csrf');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(html).toContain(`name="_csrf" value="${token}"`);
    expect(response.headers.getSetCookie().join('\n')).toMatch(
      /qyzmet_csrf=.*HttpOnly.*SameSite=Strict/i,
    );
  });

  it('remembers a language chosen with ?lang=', async () => {
    const response = await fixture.app.request('/staff/login?lang=kk');
    expect(cookiesOf(response).get('qyzmet_lang')).toBe('kk');
    expect(await response.text()).toContain('Қызметкерлердің кіруі');
    const later = await fixture.app.request('/staff/login', {
      headers: { cookie: 'qyzmet_lang=kk', 'accept-language': 'ru' },
    });
    expect(await later.text()).toContain('<html lang="kk">');
  });

  it('refuses a form without the token, or with a foreign Origin, and changes nothing', async () => {
    const before = await sessionsCount();
    const noToken = await fixture.app.request('/staff/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `qyzmet_csrf=${csrf}`,
        'accept-language': 'en',
      },
      body: new URLSearchParams({ iin: headIin, password }).toString(),
    });
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('The form expired or came from another site');
    const foreign = await postLogin({ iin: headIin, password }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await sessionsCount()).toBe(before);
  });

  it('shows localised errors for bad input and keeps the IIN (after post/redirect/get)', async () => {
    const posted = await postLogin({ iin: '12ab', password: '' });
    const empty = await openRefusedForm(
      fixture.app,
      posted,
      `qyzmet_csrf=${csrf}; qyzmet_lang=en`,
      '/staff/login',
    );
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toContain('href="#iin"');
    expect(html).toContain('href="#password"');
    expect(html).toContain('value="12ab"');
    expect(html).toContain('aria-invalid="true"');
    const wrong = await postLogin({ iin: headIin, password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('The IIN or password is wrong.');
    const failures = await listAuditEvents(fixture.database.db, { action: 'staff.login_failed' });
    expect(failures.length).toBeGreaterThanOrEqual(1);
  });

  it('signs in with the right password: session cookie, audit, start page by role', async () => {
    const response = await postLogin({ iin: headIin, password });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/back-office');
    const session = cookiesOf(response).get('qyzmet_session');
    expect(session).toBeTruthy();
    expect(response.headers.getSetCookie().join('\n')).toMatch(/qyzmet_session=.*HttpOnly/i);
    const page = await fixture.app.request('/staff/login', {
      headers: { cookie: `qyzmet_session=${session}; qyzmet_lang=en` },
    });
    expect(await page.text()).toContain('kst-school-1');
    const created = await listAuditEvents(fixture.database.db, { action: 'session.created' });
    expect(created.some((event) => event.actorId === fixture.staff.head.principal.staffId)).toBe(
      true,
    );
    // Sign-out ends the session.
    const out = await fixture.app.request('/staff/logout', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `qyzmet_csrf=${csrf}; qyzmet_session=${session}`,
      },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(out.status).toBe(303);
    const after = await fixture.app.request('/documents/00000000-0000-4000-8000-000000000000.pdf', {
      headers: { cookie: `qyzmet_session=${session}` },
    });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('lets a person working in two organisations choose one', async () => {
    const second = await createStaff(fixture.database, 'kst-school-2', 'kostanay', ['executor']);
    await fixture.database.db
      .updateTable('staff_account')
      .set({ iin: headIin })
      .where('id', '=', second.staffId)
      .execute();
    await setStaffPassword(
      fixture.database.db,
      { kind: 'system' },
      { organisationId: 'kst-school-2', iin: headIin, password },
      fixture.clock.now(),
    );
    const choose = await postLogin({ iin: headIin, password });
    expect(choose.status).toBe(200);
    const html = await choose.text();
    expect(html).toContain('value="kst-school-1"');
    expect(html).toContain('value="kst-school-2"');
    expect(cookiesOf(choose).has('qyzmet_session')).toBe(false);
    const chosen = await postLogin({ iin: headIin, password, organisationId: 'kst-school-2' });
    expect(chosen.status).toBe(303);
    const page = await fixture.app.request('/staff/login', {
      headers: { cookie: `qyzmet_session=${cookiesOf(chosen).get('qyzmet_session')}` },
    });
    expect(await page.text()).toContain('kst-school-2');
  });

  it('limits sign-in attempts per client in the database (429 with Retry-After)', async () => {
    let last: Response | undefined;
    for (let attempt = 0; attempt < 25; attempt += 1) {
      last = await postLogin({ iin: headIin, password: 'wrong password' });
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    const rows = await fixture.database.db.selectFrom('rate_limit').selectAll().execute();
    expect(rows.some((row) => row.key.startsWith('staff-login:'))).toBe(true);
  });

  it('answers an unknown page with an HTML 404 for browsers and JSON for the API', async () => {
    const page = await fixture.app.request('/no/such/page', {
      headers: { accept: 'text/html', 'accept-language': 'ru' },
    });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Страница не найдена');
    const api = await fixture.app.request('/api/v1/nothing', { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('refuses a short staff password and an unknown account', async () => {
    await expect(
      setStaffPassword(
        fixture.database.db,
        { kind: 'system' },
        { organisationId: 'kst-school-1', iin: headIin, password: 'short' },
        fixture.clock.now(),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      setStaffPassword(
        fixture.database.db,
        { kind: 'system' },
        { organisationId: 'kst-school-1', iin: '000000000000', password },
        fixture.clock.now(),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
