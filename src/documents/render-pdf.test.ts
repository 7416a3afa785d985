import { describe, expect, it } from 'vitest';
import { pdfQrCodes, pdfText } from '../../test/support/documents.js';
import { contentSha256, type DocumentContent } from './document-content.js';
import { renderDocumentPdf } from './render-pdf.js';
import { sampleFields } from './sample-fields.js';
import { listTemplates } from './templates.js';

const normalise = (value: string) => value.replace(/\s+/g, ' ');

describe('document PDFs', () => {
  it.each(
    listTemplates().map(
      ({ serviceCode, template }) =>
        [`${serviceCode}/${template.kind}`, serviceCode, template] as const,
    ),
  )(
    '%s carries both titles, the number, the content hash and the signer',
    async (_name, serviceCode, template) => {
      const content: DocumentContent = {
        id: '6f1c2d3e-0000-4000-8000-1234567890ab',
        number: `${template.numberPrefix}-2026-000042`,
        kind: template.kind,
        serviceCode: serviceCode === '*' ? null : serviceCode,
        language: 'bilingual',
        issuedAt: '2026-03-02T06:00:00.000Z',
        organisation: 'ГУ «Отдел образования города Актобе»',
        fields: sampleFields(template),
        signer: { name: 'ЖҰМАБЕКОВ ЕРЖАН БАУЫРЖАНҰЛЫ', role: template.signerRole },
        replacesNumber: null,
      };
      const hash = contentSha256(content);
      const pdf = await renderDocumentPdf(content, {
        template,
        verifyUrl: 'https://qyzmet.example/verify/x',
        contentSha256: hash,
      });
      const text = normalise(pdfText(pdf));
      expect(text).toContain(normalise(template.title.kk));
      expect(text).toContain(normalise(template.title.ru));
      expect(text).toContain(content.number);
      expect(text).toContain(hash);
      expect(text).toContain('ЖҰМАБЕКОВ ЕРЖАН БАУЫРЖАНҰЛЫ');
      expect(text).toContain('02.03.2026 11:00');
    },
    30_000,
  );

  it('puts a QR code with the verification URL on the document', async () => {
    const { serviceCode, template } = listTemplates()[0]!;
    const url = 'http://localhost:3000/verify/6f1c2d3e-0000-4000-8000-1234567890ab';
    const content: DocumentContent = {
      id: 'x',
      number: 'RCP-2026-000001',
      kind: template.kind,
      serviceCode,
      language: 'kk',
      issuedAt: '2026-03-02T06:00:00.000Z',
      organisation: null,
      fields: sampleFields(template),
      signer: { name: 'КИМ СВЕТЛАНА', role: template.signerRole },
      replacesNumber: null,
    };
    const pdf = await renderDocumentPdf(content, {
      template,
      verifyUrl: url,
      contentSha256: contentSha256(content),
    });
    expect(pdfQrCodes(pdf)).toEqual([url]);
    // In a one-language document the labels are Kazakh only, the titles still both.
    const text = normalise(pdfText(pdf));
    expect(text).toContain('Өтініштің нөмірі:');
    expect(text).not.toContain('Номер заявления');
    expect(text).toContain(template.title.ru);
  }, 30_000);
});
