import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPortalFixture,
  duplicatesForm,
  duplicatesRegulationId,
  type PortalFixture,
} from '../support/portal.js';

let fixture: PortalFixture;
beforeAll(async () => {
  fixture = await createPortalFixture();
});
afterAll(async () => {
  await fixture?.database.close();
});

const count = async (table: 'citizen_account' | 'portal_draft' | 'portal_draft_document') =>
  Number(
    (
      await fixture.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('portal forms without the anti-forgery token', () => {
  it('registration is refused with 403 and no account is created', async () => {
    const before = await count('citizen_account');
    const { cookie } = await fixture.csrf();
    const response = await fixture.post(
      '/register',
      cookie,
      new URLSearchParams({
        _csrf: 'x'.repeat(43),
        iin: '900115400015',
        phone: '+77015550999',
        password: 'Portal-2026-pass',
        password2: 'Portal-2026-pass',
      }),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Форма устарела');
    expect(await count('citizen_account')).toBe(before);
  });

  it('the application form is refused and no draft is saved; with the token it is saved', async () => {
    const citizen = await fixture.citizen(1);
    const { cookie, token } = await fixture.csrf(
      citizen.cookie,
      `/apply/${duplicatesRegulationId}`,
    );
    const refused = await fixture.post(
      `/apply/${duplicatesRegulationId}`,
      citizen.cookie, // no anti-forgery cookie and a forged token
      duplicatesForm('forged-token', citizen.iin),
    );
    expect(refused.status).toBe(403);
    expect(await count('portal_draft')).toBe(0);
    const accepted = await fixture.post(
      `/apply/${duplicatesRegulationId}`,
      cookie,
      duplicatesForm(token, citizen.iin),
    );
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toMatch(/\/documents$/);
    expect(await count('portal_draft')).toBe(1);
  });
});
