import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { sampleFields } from '../../src/documents/sample-fields.js';
import { findTemplate } from '../../src/documents/templates.js';
import { regulationOf } from '../support/regulation-of.js';
import { issueDocument, type IssuedDocument } from '../../src/features/documents/issue-document.js';
import { composeApp } from '../../src/cli/compose.js';
import { createDemoPki } from '../../src/signing/demo-pki.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices } from '../support/applications.js';
import { createTestDatabase } from '../support/database.js';
import { testConfig } from '../support/server.js';

const now = new Date('2026-03-20T05:00:00Z');
const head = {
  iin: '780312350345',
  surname: 'Жұмабеков',
  name: 'Ержан',
  organisation: { name: 'ГУ «Отдел образования города Актобе»', bin: '040340001234', isHead: true },
};
const genuine = { kk: 'Құжат түпнұсқа', ru: 'Документ подлинный', en: 'The document is genuine' };

describe('/verify/<id> speaks the language the person chose', () => {
  let database: DatabaseHandle;
  let issued: IssuedDocument;
  let app: ReturnType<typeof composeApp>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const pki = await createDemoPki({ now, holders: [head] });
    const trustStore = pki.trustStore();
    const definition = regulationOf('extern-permission', 'kostanay').results.find(
      (entry) => entry.kind === 'result',
    )!;
    const template = findTemplate('result', definition);
    issued = await issueDocument(
      database.db,
      { trustStore, publicUrl: 'https://qyzmet.example.kz' },
      {
        kind: 'result',
        serviceCode: 'extern-permission',
        definition,
        applicationId: 'APP-000321',
        fields: sampleFields(template),
        signer: pki.holders[0]!.signing,
        expectedSigner: { iin: head.iin, bin: head.organisation.bin },
        actor: { kind: 'staff', id: 'staff-head-1' },
      },
      now,
    );
    const config = testConfig({ kind: 'pglite', dataDir: 'memory://' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: () => new Date(now.getTime() + 60_000),
      trustStore: () => trustStore,
      applications: applicationServices(database, () => now),
    });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const open = async (query: string, headers: Record<string, string>) => {
    const response = await app.request(`/verify/${issued.id}${query}`, { headers });
    expect(response.status).toBe(200);
    const html = await response.text();
    return { html, lang: /<html lang="(\w+)"/.exec(html)?.[1], response };
  };

  it('takes ?lang= first, then the remembered cookie, then Accept-Language, then Kazakh', async () => {
    // ?lang= wins over the cookie and the browser, and is remembered like on every page.
    const chosen = await open('?lang=en', {
      cookie: 'qyzmet_lang=ru',
      'accept-language': 'kk',
    });
    expect(chosen.lang).toBe('en');
    expect(chosen.html).toContain(genuine.en);
    expect(chosen.response.headers.get('set-cookie')).toMatch(/qyzmet_lang=en/);
    // The remembered cookie wins over the browser's language.
    const remembered = await open('', { cookie: 'qyzmet_lang=ru', 'accept-language': 'en' });
    expect(remembered.lang).toBe('ru');
    expect(remembered.html).toContain(genuine.ru);
    expect(remembered.response.headers.get('content-language')).toBe('ru');
    // A nonsense cookie is ignored: the browser's language.
    const browser = await open('', { cookie: 'qyzmet_lang=xx', 'accept-language': 'en-GB,en' });
    expect(browser.lang).toBe('en');
    expect(browser.html).toContain(genuine.en);
    // Nothing at all: Kazakh.
    const fallback = await open('', {});
    expect(fallback.lang).toBe('kk');
    expect(fallback.html).toContain(genuine.kk);
  });

  it('says “no such document” in the remembered language', async () => {
    const response = await app.request('/verify/00000000-0000-0000-0000-000000000000', {
      headers: { cookie: 'qyzmet_lang=ru', 'accept-language': 'kk' },
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Такой документ не выдавался.');
  });
});
