// The sandbox on the portal and in documents (docs/sandbox.md): every page carries the mark in
// its own language, the catalogue is shown "as of" a chosen past day (remembered), the sandbox
// catalogue lists every version with the period it was in force, sandbox PDFs carry the mark in
// kk/ru/en, and outside a sandbox none of it is offered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSha256, type DocumentContent } from '../../src/documents/document-content.js';
import { renderDocumentPdf } from '../../src/documents/render-pdf.js';
import { sampleFields } from '../../src/documents/sample-fields.js';
import { listTemplates } from '../../src/documents/templates.js';
import { locales } from '../../src/domain/shared/locale.js';
import { sandboxMark } from '../../src/domain/shared/sandbox-mark.js';
import { regulationCatalog } from '../support/applications.js';
import { pdfText } from '../support/documents.js';
import { createPortalFixture, type PortalFixture } from '../support/portal.js';

let sandbox: PortalFixture;
let ordinary: PortalFixture;
beforeAll(async () => {
  sandbox = await createPortalFixture('2026-12-03T05:00:00Z', { sandbox: true });
  ordinary = await createPortalFixture('2026-12-03T05:00:00Z');
});
afterAll(async () => {
  await sandbox?.database.close();
  await ordinary?.database.close();
});

const get = async (fixture: PortalFixture, path: string, cookie = '') => {
  const response = await fixture.app.request(path, { headers: { cookie } });
  return { response, html: await response.text() };
};

describe('a sandbox installation on the portal', () => {
  it('marks every page, citizen and staff, in the page language only', async () => {
    for (const [path, locale] of [
      ['/?lang=kk', 'kk'],
      ['/services?lang=ru', 'ru'],
      ['/login?lang=en', 'en'],
      ['/staff/login?lang=ru', 'ru'],
      ['/staff/login?lang=kk', 'kk'],
      ['/services/no-such-service?lang=en', 'en'],
    ] as const) {
      const { html } = await get(sandbox, path);
      const marks = [...html.matchAll(/<p[^>]*data-sandbox="true"[^>]*>([\s\S]*?)<\/p>/g)];
      expect(marks, path).toHaveLength(1);
      // The banner says what the mark says, in the page's language and in no other.
      const banner = marks[0]![1]!.replace(/<[^>]+>/g, '').trim();
      expect(banner, path).toBe(sandboxMark[locale]);
      for (const other of locales.filter((candidate) => candidate !== locale)) {
        expect(html, `${path} ${other}`).not.toContain(sandboxMark[other]);
      }
    }
    const plain = await get(ordinary, '/services?lang=ru');
    expect(plain.html).not.toContain('data-sandbox');
    expect(plain.html).not.toContain(sandboxMark.ru);
  });

  it('shows the catalogue as of a chosen past day and remembers it', async () => {
    const today = await get(sandbox, '/services?region=south-kazakhstan&lang=ru');
    expect(today.html).not.toContain('/services/archive-certificate');
    expect(today.html).toContain('name="asOf"');
    const asOf = await get(sandbox, '/services?region=south-kazakhstan&asOf=2013-03-05&lang=ru');
    expect(asOf.response.status).toBe(200);
    expect(asOf.html).toContain('/services/archive-certificate');
    expect(asOf.response.headers.get('set-cookie')).toContain('qyzmet_as_of=2013-03-05');
    const remembered = await get(
      sandbox,
      '/services/archive-certificate?region=south-kazakhstan&lang=ru',
      'qyzmet_as_of=2013-03-05',
    );
    expect(remembered.response.status).toBe(200);
    expect(remembered.html).toContain('/apply/south-kazakhstan.archive-certificate.2012-12-26');
    // A future day is ignored (today's catalogue).
    const future = await get(sandbox, '/services?region=south-kazakhstan&asOf=2027-01-01');
    expect(future.html).not.toContain('/services/archive-certificate');
  });

  it('lists every regulation version with the period it was in force, in kk, ru and en', async () => {
    const all = regulationCatalog().all;
    for (const [locale, open] of [
      ['kk', 'қазір де қолданыста'],
      ['ru', 'действует по сей день'],
      ['en', 'still in force'],
    ] as const) {
      const { response, html } = await get(sandbox, `/services/versions?lang=${locale}`);
      expect(response.status).toBe(200);
      for (const regulation of all) {
        expect(html).toContain(`data-regulation="${regulation.id}"`);
        const from = regulation.effectiveFrom.split('-').reverse().join('.');
        expect(html).toContain(from);
        if (regulation.effectiveTo)
          expect(html).toContain(regulation.effectiveTo.split('-').reverse().join('.'));
      }
      if (all.some((regulation) => !regulation.effectiveTo)) expect(html).toContain(open);
    }
    const { html } = await get(sandbox, '/services/versions?lang=en');
    expect(html).toContain('/services/south-kazakhstan.archive-certificate.2012-12-26?asOf=2013-');
    expect(html).toContain('/services/kostanay.extern-permission.2018-12-21?asOf=2019-');
  });

  it('offers none of it outside a sandbox', async () => {
    expect((await get(ordinary, '/services/versions')).response.status).toBe(404);
    const ignored = await get(ordinary, '/services?region=south-kazakhstan&asOf=2013-03-05');
    expect(ignored.html).not.toContain('/services/archive-certificate');
    expect(ignored.html).not.toContain('name="asOf"');
    expect(ignored.response.headers.get('set-cookie') ?? '').not.toContain('qyzmet_as_of');
  });
});

describe('sandbox documents', () => {
  it('carry the mark in kk/ru/en on the PDF; real documents do not', async () => {
    // listTemplates() gives the generic layout of each kind (docs/signing-and-documents.md).
    const template = listTemplates()[0]!;
    const serviceCode = 'archive-certificate';
    const content: DocumentContent = {
      id: '6f1c2d3e-0000-4000-8000-1234567890ab',
      number: `${template.numberPrefix}-2013-000042`,
      kind: template.kind,
      serviceCode,
      language: 'bilingual',
      issuedAt: '2013-03-05T06:00:00.000Z',
      organisation: 'ГУ «Архив»',
      fields: sampleFields(template),
      signer: { name: 'ЖҰМАБЕКОВ ЕРЖАН', role: template.signerRole },
      replacesNumber: null,
    };
    const render = (value: DocumentContent) =>
      renderDocumentPdf(value, { template, mode: { kind: 'signed_content' } });
    const marked = pdfText(await render({ ...content, sandbox: true })).replace(/\s+/g, ' ');
    for (const text of Object.values(sandboxMark)) expect(marked).toContain(text);
    const real = pdfText(await render(content)).replace(/\s+/g, ' ');
    expect(real).not.toContain(sandboxMark.en);
    // The mark is part of the signed content: the hashes differ.
    expect(contentSha256({ ...content, sandbox: true })).not.toBe(contentSha256(content));
  }, 60_000);
});
