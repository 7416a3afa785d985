import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitPolicies } from '../../src/features/limits/rate-limit.js';
import { createPortalFixture, type PortalFixture } from '../support/portal.js';

let fixture: PortalFixture;
beforeAll(async () => {
  fixture = await createPortalFixture();
});
afterAll(async () => {
  await fixture?.database.close();
});

describe('portal sign-in rate limit', () => {
  it('answers 401 with a localised message, then the 429 page once the address is over the limit', async () => {
    const citizen = await fixture.citizen(5);
    const { cookie, token } = await fixture.csrf();
    // Guesses across accounts (one account alone would be delayed after 5: login-throttle).
    let guess = 0;
    const attempt = () => {
      guess += 1;
      const iin = `9001154000${String(guess).padStart(2, '0')}`;
      return fixture.post(
        '/login',
        cookie,
        new URLSearchParams({ _csrf: token, iin, password: 'wrong-password-1' }),
      );
    };
    const first = await attempt();
    expect(first.status).toBe(401);
    expect(await first.text()).toContain('Неверный ИИН или пароль');
    for (let index = 1; index < rateLimitPolicies.login.limit; index += 1) {
      expect((await attempt()).status).toBe(401);
    }
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await limited.text();
    expect(page).toContain('<html lang="ru"');
    // Even the right password is refused from this address until the window ends; no code is sent.
    const sent = fixture.sms.messages.length;
    const right = await fixture.post(
      '/login',
      cookie,
      new URLSearchParams({ _csrf: token, iin: citizen.iin, password: 'Portal-2026-pass' }),
    );
    expect(right.status).toBe(429);
    expect(fixture.sms.messages.length).toBe(sent);
    // The window ends: signing in works again.
    fixture.clock.set(
      new Date(
        fixture.clock.now().getTime() + rateLimitPolicies.login.windowMs + 1000,
      ).toISOString(),
    );
    const later = await fixture.post(
      '/login',
      cookie,
      new URLSearchParams({ _csrf: token, iin: citizen.iin, password: 'Portal-2026-pass' }),
    );
    expect(later.status).toBe(303);
    expect(later.headers.get('location')).toMatch(/^\/login\/code\?challenge=/);
  });

  it('a delayed account gets its own localised message with the minutes to wait', async () => {
    const citizen = await fixture.citizen(6);
    const { cookie, token } = await fixture.csrf();
    let last: Response | undefined;
    for (let index = 0; index < 6; index += 1) {
      last = await fixture.post(
        '/login',
        cookie,
        new URLSearchParams({ _csrf: token, iin: citizen.iin, password: 'wrong-password-1' }),
      );
    }
    expect(last!.status).toBe(429);
    const page = await last!.text();
    expect(page).toContain('вход временно приостановлен');
    expect(page).toContain('Повторите через 1 мин.');
    expect(last!.headers.get('retry-after')).toBe('30');
  });
});
