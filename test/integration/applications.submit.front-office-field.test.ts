import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFixture, type ApiFixture } from '../support/api.js';
import { testBackend } from '../support/database.js';

/**
 * Issue 18, point 9: the front office where a national duplicate's result is collected was a
 * free text ("Костанай" and "777777" were accepted). It is chosen from the region's front
 * offices: anything else is refused with a localised field error and creates nothing.
 */
describe(`the front office that collects a result is one of the region's, on ${testBackend}`, () => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await createApiFixture('2026-03-02T09:00:00+05:00');
  });
  afterAll(async () => {
    await api?.database.close();
  });

  const submit = (office: string, locale = 'ru') =>
    api.call('POST', '/api/v1/applications', {
      token: api.staff.registry.token,
      headers: { 'idempotency-key': api.nextKey(), 'accept-language': locale },
      body: {
        serviceCode: 'duplicates',
        channel: 'provider_office',
        applicantIin: '900101300007',
        providerOrganisationId: 'kst-school-1',
        fields: {
          'applicant-iin': '900101300007',
          'document-status': 'lost',
          'name-changed': 'no',
          'result-front-office': office,
        },
      },
    });
  const count = async () =>
    (await api.database.db.selectFrom('application').select('id').execute()).length;

  it.each(['Костанай', '777777', 'kst-school-1'])(
    'refuses %s (422, nothing created)',
    async (office) => {
      const before = await count();
      const response = await submit(office);
      expect(response.status).toBe(422);
      const text = await response.text();
      // The field and its rule, with the localised message of validation_failed.
      expect(text).toContain('"rule":"front_office"');
      expect(text).toContain('fields.result-front-office');
      expect(await count()).toBe(before);
    },
  );

  it('accepts the office by its id and stores its name', async () => {
    const response = await submit('kst-front-office');
    expect(response.status).toBe(201);
    const { applicationId } = (await response.json()) as { applicationId: string };
    const event = await api.database.db
      .selectFrom('application_event')
      .select('payload')
      .where('application_id', '=', applicationId)
      .where('type', '=', 'submitted')
      .executeTakeFirstOrThrow();
    const fields = (event.payload as { fields: Record<string, string> }).fields;
    const office = await api.database.db
      .selectFrom('organisation')
      .select(['name_ru', 'address_ru'])
      .where('id', '=', 'kst-front-office')
      .executeTakeFirstOrThrow();
    // Its name (and address, when it has one) as the documents print it.
    expect(fields['result-front-office']).toBe(
      [office.name_ru, office.address_ru].filter(Boolean).join(', '),
    );
  });
});
