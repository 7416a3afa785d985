import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../support/applications.js';
import { visibleText } from '../support/every-page.js';
import {
  createPortalFixture,
  duplicatesForm,
  duplicatesRegulationId,
  type PortalFixture,
} from '../support/portal.js';

/**
 * Names stored in kk and ru only (regulations, documents, organisations, steps) are shown in
 * Russian on an English page; each such text carries lang="ru" (issue 18, point 11), given once
 * by `NameIn` / `nameLang` (src/http/web/components.tsx, messages.ts).
 */

let fixture: PortalFixture;
let cookie = '';
let base = '';

beforeAll(async () => {
  fixture = await createPortalFixture();
  await createOrganisation(fixture.database, {
    id: 'kst-school-named',
    kind: 'school',
    regionCode: 'kostanay',
    nameKk: 'Қостанайдың №9 мектебі',
    nameRu: 'Школа №9 Костаная',
  });
  const citizen = await fixture.citizen(4);
  const opened = await fixture.csrf(citizen.cookie, `/apply/${duplicatesRegulationId}`);
  cookie = opened.cookie;
  const saved = await fixture.post(
    `/apply/${duplicatesRegulationId}`,
    cookie,
    duplicatesForm(opened.token, citizen.iin),
  );
  base = saved.headers.get('location')!.replace(/\/documents$/, '');
});
afterAll(async () => {
  await fixture?.database.close();
});

const get = async (path: string) => {
  const response = await fixture.app.request(path, { headers: { cookie } });
  // The review of a draft still missing its scan is shown with its problems (422).
  expect(path.includes('/review') ? 422 : 200, path).toBe(response.status);
  return response.text();
};

/** The body's text outside any element marked with another language than the page's. */
const undeclared = (html: string, locale: 'kk' | 'ru' | 'en') =>
  visibleText(html.replace(/^[\s\S]*?<main\b/, '<body><main'), locale);

const pages = () => [
  '/services/duplicates?region=kostanay',
  `/apply/${duplicatesRegulationId}`,
  `${base}/documents`,
  `${base}/review`,
];

describe('lang on names shown in another language than the page', () => {
  it('on English pages every Russian name is inside an element with lang="ru"', async () => {
    for (const path of pages()) {
      const html = await get(`${path}${path.includes('?') ? '&' : '?'}lang=en`);
      expect(html, path).toContain('<html lang="en">');
      // The Russian names are there, and each is declared Russian.
      expect(html, path).toMatch(
        /<(?:span|h1|option|optgroup)\b[^>]*\slang="ru"[^>]*>[^<]*[а-яё]/i,
      );
      // Nothing Cyrillic is left undeclared in the main content.
      expect(undeclared(html, 'en').match(/[а-яёәғқңөұүһі]+/gi) ?? [], path).toEqual([]);
    }
  });

  it('the regulation, documents and organisations are the ones declared', async () => {
    const service = await get('/services/duplicates?region=kostanay&lang=en');
    expect(service).toMatch(/<h1 lang="ru">Выдача дубликатов документов/);
    expect(service).toMatch(/<span lang="ru">[^<]*Школа №9 Костаная<\/span>/);
    const form = await get(`/apply/${duplicatesRegulationId}?lang=en`);
    expect(form).toMatch(/<option value="kst-school-named"[^>]*\slang="ru"[^>]*>Школа №9 Костаная/);
    const documents = await get(`${base}/documents?lang=en`);
    expect(documents).toMatch(/<option value="original-education-document"[^>]*\slang="ru"/);
  });

  it('a page titled by a Russian name on an English page declares its <title> Russian', async () => {
    for (const path of [
      '/services/duplicates?region=kostanay',
      `/apply/${duplicatesRegulationId}`,
    ]) {
      const english = await get(`${path}${path.includes('?') ? '&' : '?'}lang=en`);
      expect(english, path).toMatch(
        /<title lang="ru">Выдача дубликатов документов[^<]* — Qyzmet<\/title>/,
      );
      for (const locale of ['kk', 'ru'] as const) {
        const html = await get(`${path}${path.includes('?') ? '&' : '?'}lang=${locale}`);
        expect(html, path).toMatch(new RegExp(`<html lang="${locale}">`));
        expect(html, path).toMatch(/<title>[^<]*[а-яё][^<]* — Qyzmet<\/title>/i);
      }
    }
    // A title in the page's own language carries no lang of its own.
    expect(await get(`${base}/documents?lang=en`)).toMatch(/<title>[A-Za-z][^<]*<\/title>/);
  });

  it.each(['kk', 'ru'] as const)(
    'on a %s page the names are in its language and carry no other lang',
    async (locale) => {
      for (const path of pages()) {
        const html = await get(`${path}${path.includes('?') ? '&' : '?'}lang=${locale}`);
        const main = html.slice(html.indexOf('<main'));
        expect(main, path).not.toMatch(/\slang="(?:ru|kk|en)"/);
      }
      const name = locale === 'kk' ? 'Қостанайдың №9 мектебі' : 'Школа №9 Костаная';
      expect(await get(`/services/duplicates?region=kostanay&lang=${locale}`)).toContain(name);
      expect(await get(`/apply/${duplicatesRegulationId}?lang=${locale}`)).toContain(name);
    },
  );
});
