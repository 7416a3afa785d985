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

describe('portal drafts belong to their citizen', () => {
  it('another citizen gets 404 on every step of the draft and cannot change it', async () => {
    const owner = await fixture.citizen(3);
    const other = await fixture.citizen(4);
    const ownerForm = await fixture.csrf(owner.cookie, `/apply/${duplicatesRegulationId}`);
    const saved = await fixture.post(
      `/apply/${duplicatesRegulationId}`,
      ownerForm.cookie,
      duplicatesForm(ownerForm.token, owner.iin),
    );
    const base = saved.headers.get('location')!.replace(/\/documents$/, '');
    const draftId = base.split('/').pop()!;

    // The owner sees it; their form opens with what they typed.
    expect(
      (await fixture.app.request(`${base}/documents`, { headers: { cookie: owner.cookie } }))
        .status,
    ).toBe(200);
    const ownerPage = await fixture.app.request(`/apply/${duplicatesRegulationId}`, {
      headers: { cookie: owner.cookie },
    });
    expect(await ownerPage.text()).toContain(`value="${draftId}"`);

    for (const step of [
      'documents',
      'review',
      'certify?challenge=00000000-0000-0000-0000-000000000000',
      'done',
    ]) {
      const response = await fixture.app.request(`${base}/${step}`, {
        headers: { cookie: other.cookie, 'accept-language': 'ru' },
      });
      expect(response.status, step).toBe(404);
      expect(await response.text()).not.toContain(owner.iin);
    }
    // The other citizen's own form does not pick up the owner's draft.
    const otherPage = await fixture.app.request(`/apply/${duplicatesRegulationId}`, {
      headers: { cookie: other.cookie },
    });
    expect(await otherPage.text()).not.toContain(draftId);

    // Writing to it is refused too, and nothing changes.
    const otherForm = await fixture.csrf(other.cookie, `/apply/${duplicatesRegulationId}`);
    const overwrite = await fixture.post(
      `/apply/${duplicatesRegulationId}`,
      otherForm.cookie,
      duplicatesForm(otherForm.token, other.iin, draftId),
    );
    expect(overwrite.status).toBe(404);
    const stored = await fixture.database.db
      .selectFrom('portal_draft')
      .select(['citizen_account_id', 'fields'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(stored.fields['applicant-iin']).toBe(owner.iin);
  });
});
