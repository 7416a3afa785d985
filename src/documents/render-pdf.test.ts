import { describe, expect, it } from 'vitest';
import { pdfQrCodes, pdfText } from '../../test/support/documents.js';
import { verificationCode, type DocumentContent } from './document-content.js';
import { renderDocumentPdf, type SignatureStamp } from './render-pdf.js';
import { sampleFields } from './sample-fields.js';
import { loadRegulations } from '../storage/regulation-files.js';
import {
  findTemplate,
  listTemplates,
  type DocumentKind,
  type DocumentTemplate,
} from './templates.js';

/** Every document of every regulation's `results` (and the generic ones): one generic layout. */
const everyTemplate: Array<{ serviceCode: string; template: DocumentTemplate }> = [
  ...listTemplates().map((template) => ({ serviceCode: '*', template })),
  ...loadRegulations().regulations.flatMap(({ regulation }) =>
    regulation.results
      .filter((entry) => entry.kind !== 'register' && entry.kind !== 'consent')
      .filter((entry) => listTemplates().some((template) => template.kind === entry.kind))
      .map((entry) => ({
        serviceCode: `${regulation.region}/${regulation.service}/${entry.id}`,
        template: findTemplate(entry.kind as DocumentKind, entry),
      })),
  ),
];

const normalise = (value: string) => value.replace(/\s+/g, ' ');
const id = '6f1c2d3e-0000-4000-8000-1234567890ab';

function contentOf(serviceCode: string, template: DocumentTemplate): DocumentContent {
  return {
    id,
    number: `${template.numberPrefix}-2026-000042`,
    kind: template.kind,
    serviceCode: serviceCode === '*' ? null : serviceCode,
    language: 'bilingual',
    issuedAt: '2026-03-02T06:00:00.000Z',
    organisation: 'ГУ «Отдел образования города Актобе»',
    fields: sampleFields(template),
    signer: { name: 'Жұмабеков Ержан', role: template.signerRole },
    replacesNumber: null,
  };
}

const stamp: SignatureStamp = {
  signerName: 'ЖҰМАБЕКОВ ЕРЖАН БАУЫРЖАНҰЛЫ',
  // Signed three minutes after the draft was made: the stamp states the signing time.
  signedAt: new Date('2026-03-02T06:03:00.000Z'),
  verificationCode: verificationCode(id),
  verifyUrl: `https://qyzmet.example/verify/${id}`,
  signedContentSha256: 'ab'.repeat(32),
};

describe('document PDFs', () => {
  it.each(
    everyTemplate.map(
      ({ serviceCode, template }) =>
        [`${serviceCode}/${template.kind}`, serviceCode, template] as const,
    ),
  )(
    '%s as issued: both titles, the number, the signer, the signing time, the code and the hash',
    async (_name, serviceCode, template) => {
      const content = contentOf(serviceCode, template);
      const pdf = await renderDocumentPdf(content, { template, mode: { kind: 'issued', stamp } });
      const text = normalise(pdfText(pdf));
      expect(text).toContain(normalise(template.title.kk));
      expect(text).toContain(normalise(template.title.ru));
      expect(text).toContain(content.number);
      expect(text).toContain('ЖҰМАБЕКОВ ЕРЖАН БАУЫРЖАНҰЛЫ');
      expect(text).toContain('Подписано электронной цифровой подписью');
      expect(text).toContain('02.03.2026 11:03');
      expect(text).not.toContain('02.03.2026 11:00');
      expect(text).toContain(`Код проверки: ${stamp.verificationCode}`);
      expect(text).toContain(stamp.signedContentSha256);
      expect(text).not.toContain('ПРОЕКТ');
      // No internal code reaches the document: every label is kk/ru.
      expect(text).not.toMatch(
        /\b(order_extract|duplicate_record|reasoned_refusal|receipt|lost|damaged)\b/,
      );
    },
    30_000,
  );

  it('puts a QR code with the verification URL on the issued document', async () => {
    const { serviceCode, template } = everyTemplate[0]!;
    const content = { ...contentOf(serviceCode, template), language: 'kk' as const };
    const pdf = await renderDocumentPdf(content, { template, mode: { kind: 'issued', stamp } });
    expect(pdfQrCodes(pdf)).toEqual([stamp.verifyUrl]);
    // In a one-language document the labels are Kazakh only, the titles still both.
    const text = normalise(pdfText(pdf));
    expect(text).toContain('Өтініштің нөмірі:');
    expect(text).not.toContain('Номер заявления');
    expect(text).toContain(template.title.ru);
    expect(text).toContain(`Тексеру коды: ${stamp.verificationCode}`);
  }, 30_000);

  it('marks a draft as a draft on every page, with no signature line and no QR code', async () => {
    const { serviceCode, template } = everyTemplate.find(
      (entry) => entry.template.kind === 'courier_register',
    )!;
    const content = contentOf(serviceCode, template);
    // Enough rows for a second page.
    content.fields = {
      ...content.fields,
      packages: Array.from({ length: 60 }, (_, index) => [
        String(100 + index),
        'Экстернат',
        'Сейітқали Ә. Н.',
        '4',
      ]),
    };
    const pdf = await renderDocumentPdf(content, { template, mode: { kind: 'draft' } });
    const pages = pdfText(pdf)
      .split('\f')
      .filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(normalise(page)).toContain('ПРОЕКТ — не подписан');
    const text = normalise(pdfText(pdf));
    expect(text).toContain('ЖОБА — қол қойылмаған');
    expect(text).not.toMatch(/Подписано|қол қойылған|Код проверки|SHA-256|verify/i);
    expect(pdfQrCodes(pdf)).toEqual([]);
  }, 30_000);

  it('renders the signed content with neither the draft mark nor a signature stamp', async () => {
    const { serviceCode, template } = everyTemplate[0]!;
    const pdf = await renderDocumentPdf(contentOf(serviceCode, template), {
      template,
      mode: { kind: 'signed_content' },
    });
    const text = normalise(pdfText(pdf));
    expect(text).toContain(template.title.ru);
    expect(text).not.toMatch(/ПРОЕКТ|Подписано|Код проверки|SHA-256/);
    expect(pdfQrCodes(pdf)).toEqual([]);
  }, 30_000);

  it('prints the given marks (e.g. a sandbox mark) at the top of every page', async () => {
    const { serviceCode, template } = everyTemplate[0]!;
    const pdf = await renderDocumentPdf(contentOf(serviceCode, template), {
      template,
      mode: { kind: 'issued', stamp },
      marks: ['ҚҰМДАЛЫҚ / ПЕСОЧНИЦА'],
    });
    expect(normalise(pdfText(pdf))).toContain('ҚҰМДАЛЫҚ / ПЕСОЧНИЦА');
  }, 30_000);
});
