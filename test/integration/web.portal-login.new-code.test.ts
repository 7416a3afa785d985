// Issue 18, point 5: a citizen whose sign-in code expired or was mistyped three times gets a
// new one from the code page, without the password; the phone's hourly limit is sized for
// real use and, when reached, the page says how many minutes to wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { createPortalFixture, type PortalFixture } from '../support/portal.js';

let fixture: PortalFixture;
beforeAll(async () => {
  fixture = await createPortalFixture();
});
afterAll(async () => {
  await fixture?.database.close();
});

const challengeOf = (location: string | null) =>
  new URL(location ?? '', 'http://x').searchParams.get('challenge') ?? '';

describe('the sign-in code page', () => {
  it('sends a new code after three wrong ones, then says how long to wait at the limit', async () => {
    const citizen = await fixture.citizen(7);
    const { cookie, token } = await fixture.csrf();
    const form = (fields: Record<string, string>) =>
      new URLSearchParams({ _csrf: token, maskedPhone: '+7701***0007', next: '', ...fields });
    const signIn = await fixture.post(
      '/login',
      cookie,
      new URLSearchParams({ _csrf: token, iin: citizen.iin, password: 'Portal-2026-pass' }),
    );
    expect(signIn.status).toBe(303);
    const first = challengeOf(signIn.headers.get('location'));
    const page = await (
      await fixture.app.request(`/login/code?challenge=${first}&lang=ru`, { headers: { cookie } })
    ).text();
    expect(page).toContain('action="/login/code/resend"');
    expect(page).toContain('Отправить новый код');

    const firstCode = fixture.sms.lastCodeTo(citizen.phone);
    const wrong = firstCode === '999999' ? '999998' : '999999';
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      refused = await fixture.post(
        '/login/code',
        cookie,
        form({ challengeId: first, code: wrong }),
      );
    }
    expect(refused!.status).toBe(401);
    const exhausted = await refused!.text();
    expect(exhausted).toContain('Отправить новый код');

    // A new code to the same phone, without the password.
    const sentBefore = fixture.sms.messages.length;
    const resent = await fixture.post('/login/code/resend', cookie, form({ challengeId: first }));
    expect(resent.status).toBe(303);
    expect(resent.headers.get('location')).toContain('resent=1');
    const second = challengeOf(resent.headers.get('location'));
    expect(second).not.toBe(first);
    expect(fixture.sms.messages.length).toBe(sentBefore + 1);
    const shown = await (
      await fixture.app.request(`${resent.headers.get('location')!}&lang=ru`, {
        headers: { cookie },
      })
    ).text();
    expect(shown).toContain('Новый код отправлен');
    const issued = await listAuditEvents(fixture.database.db, {
      subjectId: second,
      action: 'otp.issued',
    });
    expect(issued).toHaveLength(1);

    // The new code opens the session; the old one does not.
    const newCode = fixture.sms.lastCodeTo(citizen.phone);
    const old = await fixture.post(
      '/login/code',
      cookie,
      form({ challengeId: first, code: firstCode }),
    );
    expect(old.status).toBe(401);
    const confirmed = await fixture.post(
      '/login/code',
      cookie,
      form({ challengeId: second, code: newCode }),
    );
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('set-cookie')).toContain('qyzmet_session=');
    // A completed sign-in gives no further code.
    const used = await fixture.post('/login/code/resend', cookie, form({ challengeId: second }));
    expect(used.status).toBe(401);
    expect(await used.text()).toContain('Войдите заново');

    // More codes an hour than the old limit of 5 (registration, two sign-ins and a new code
    // were 4 already): up to 10, then the page says how many minutes to wait.
    const again = await fixture.post(
      '/login',
      cookie,
      new URLSearchParams({ _csrf: token, iin: citizen.iin, password: 'Portal-2026-pass' }),
    );
    expect(again.status).toBe(303);
    let latest = challengeOf(again.headers.get('location'));
    let answer: Response | undefined;
    for (let send = 6; send <= 11; send += 1) {
      answer = await fixture.post('/login/code/resend', cookie, form({ challengeId: latest }));
      if (send <= 10) {
        expect(answer.status, `code ${send}`).toBe(303);
        latest = challengeOf(answer.headers.get('location'));
      }
    }
    expect(answer!.status).toBe(429);
    expect(Number(answer!.headers.get('retry-after'))).toBeGreaterThan(3000);
    const limited = await answer!.text();
    expect(limited).toContain('На этот телефон отправлено слишком много кодов');
    expect(limited).toMatch(/Новый код можно получить через \d+ мин\./);
    expect(limited).toContain('<html lang="ru"');
    // The same limit on the sign-in form itself: the minutes, not a bare error page.
    const form429 = await fixture.post(
      '/login',
      cookie,
      new URLSearchParams({ _csrf: token, iin: citizen.iin, password: 'Portal-2026-pass' }),
    );
    expect(form429.status).toBe(429);
    const loginPage = await form429.text();
    expect(loginPage).toMatch(/Новый код можно получить через \d+ мин\./);
    expect(loginPage).toContain('name="iin"');
  });

  it('gives no new code for a sign-in older than 15 minutes', async () => {
    const citizen = await fixture.citizen(8);
    const { cookie, token } = await fixture.csrf();
    const signIn = await fixture.post(
      '/login',
      cookie,
      new URLSearchParams({ _csrf: token, iin: citizen.iin, password: 'Portal-2026-pass' }),
    );
    const challenge = challengeOf(signIn.headers.get('location'));
    fixture.clock.set(new Date(fixture.clock.now().getTime() + 16 * 60_000).toISOString());
    const sent = fixture.sms.messages.length;
    const stale = await fixture.post(
      '/login/code/resend',
      cookie,
      new URLSearchParams({ _csrf: token, challengeId: challenge, maskedPhone: '', next: '' }),
    );
    expect(stale.status).toBe(401);
    expect(await stale.text()).toContain('Срок кода истёк. Войдите заново.');
    expect(fixture.sms.messages.length).toBe(sent);
  });
});
