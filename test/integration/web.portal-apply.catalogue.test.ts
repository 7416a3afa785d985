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

const get = async (path: string, cookie = '') => {
  const response = await fixture.app.request(path, { headers: { cookie } });
  return { response, html: await response.text() };
};

describe('the catalogue of services', () => {
  it('groups by area, searches without JavaScript in kk and ru, and remembers the region', async () => {
    // South Kazakhstan's own regulations were in force in the first half of 2013.
    fixture.clock.set('2013-03-01T05:00:00Z');
    const all = await get('/services?region=south-kazakhstan&lang=ru');
    expect(all.response.status).toBe(200);
    for (const area of ['Образование', 'Социальная защита', 'Занятость', 'Архивы']) {
      expect(all.html).toContain(area);
    }
    expect(all.response.headers.get('set-cookie')).toContain('qyzmet_region=south-kazakhstan');

    const searched = await get('/services?region=south-kazakhstan&q=архив&lang=ru');
    expect(searched.html).toContain('/services/archive-certificate');
    expect(searched.html).not.toContain('/services/kindergarten-queue');
    const kk = await get('/services?region=south-kazakhstan&q=анықтама&lang=kk');
    expect(kk.html).toContain('/services/archive-certificate');
    const none = await get('/services?region=south-kazakhstan&q=zzzz&lang=ru');
    expect(none.html).toContain('По запросу услуг не найдено');

    // Without ?region the cookie decides.
    const remembered = await get('/services?lang=ru', 'qyzmet_region=south-kazakhstan');
    expect(remembered.html).toContain('/services/unemployed-certificate');

    // Today they are repealed: only the national standard is left there.
    fixture.clock.set('2026-03-02T05:00:00Z');
    const today = await get('/services?region=south-kazakhstan&lang=ru');
    expect(today.html).toContain('/services/duplicates');
    expect(today.html).not.toContain('/services/unemployed-certificate');
  });

  it('shows the version in force in the chosen region, with Apply only where the portal is a channel', async () => {
    const kostanay = await get('/services/duplicates?region=kostanay&lang=ru');
    expect(kostanay.response.status).toBe(200);
    expect(kostanay.html).toContain('15 рабочих дней');
    expect(kostanay.html).toContain('Бесплатно');
    expect(kostanay.html).toContain('Организация образования (школа)');
    expect(kostanay.html).toContain('kst-school-1'); // the fixture's school (named by its id)
    expect(kostanay.html).toContain('Дубликат документов об основном среднем');
    expect(kostanay.html).toContain('href="/apply/national.duplicates.2020-01-01"');

    // West Kazakhstan still applies its own regulation of 2016, without the portal.
    const west = await get('/services/duplicates?region=west-kazakhstan&lang=ru');
    expect(west.response.status).toBe(200);
    expect(west.html).toContain('2016-03-01');
    expect(west.html).not.toContain('href="/apply/');
    expect(west.html).toContain('не подаётся через портал');

    // A service the region does not provide.
    const missing = await get('/services/archive-certificate?region=kostanay&lang=ru');
    expect(missing.response.status).toBe(404);
    expect(missing.html).toContain('не оказывается');
  });

  it('the public status page: a malformed number is 422, an unknown one 404, both localised', async () => {
    const malformed = await get('/status?number=12&lang=kk');
    expect(malformed.response.status).toBe(422);
    expect(malformed.html).toContain('Нөмір форматы');
    const unknown = await get('/status?number=2026-9999999&code=ABCD-EFGH&lang=ru');
    expect(unknown.response.status).toBe(404);
    expect(unknown.html).toContain('Заявление с таким номером не найдено');
  });

  it('public lookups are rate-limited per address: the page answers 429 over the limit', async () => {
    // A fresh window (the lookups above counted in the last one).
    const windowMs = rateLimitPolicies.publicLookup.windowMs;
    fixture.clock.set(new Date(fixture.clock.now().getTime() + windowMs + 1000).toISOString());
    for (let index = 0; index < rateLimitPolicies.publicLookup.limit; index += 1) {
      expect(
        (await get('/status?number=2026-9999998&code=ABCD-EFGH&lang=ru')).response.status,
      ).toBe(404);
    }
    const limited = await get('/status?number=2026-9999998&code=ABCD-EFGH&lang=ru');
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
