// Rendering a receipt PDF as issued (DejaVu Sans with Kazakh letters, fields, the signature
// stamp with SHA-256 and a vector QR code) after warm-up, against an empty one-page pdfkit
// document in the same run. Also reports the rate of a whole issue: the body, the official's
// CAdES-BES signature over it and the issued PDF (two renders and a signature). Goal (product.md): ≥ 100
// receipt PDFs per second per core.
import PDFDocument from 'pdfkit';
import { verificationCode, type DocumentContent } from '../src/documents/document-content.js';
import { renderDocumentPdf } from '../src/documents/render-pdf.js';
import { sampleFields } from '../src/documents/sample-fields.js';
import { findTemplate } from '../src/documents/templates.js';
import { signCms } from '../src/signing/cms-sign.js';
import { createDemoPki } from '../src/signing/demo-pki.js';
import { report } from './support/report.js';

const DURATION_MS = 1000;
// The machine is shared: measure in alternating rounds and keep each one's best round.
const ROUNDS = 4;
const template = findTemplate('receipt');
const now = new Date();

function receipt(index: number): DocumentContent {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    number: `RCP-2026-${String(index).padStart(6, '0')}`,
    kind: 'receipt',
    serviceCode: 'extern-permission',
    language: 'bilingual',
    issuedAt: now.toISOString(),
    organisation: 'НАО «Правительство для граждан», ХҚКО №1 / ЦОН №1',
    fields: sampleFields(template),
    signer: { name: 'КИМ СВЕТЛАНА ВИКТОРОВНА', role: template.signerRole },
    replacesNumber: null,
  };
}

async function render(index: number): Promise<Uint8Array> {
  const content = receipt(index);
  // The issued receipt: the body with the signature stamp (signer, time, code, hash, QR code).
  return renderDocumentPdf(content, {
    template,
    mode: {
      kind: 'issued',
      stamp: {
        signerName: content.signer.name,
        signedAt: now,
        verificationCode: verificationCode(content.id),
        verifyUrl: `https://qyzmet.example.kz/verify/${content.id}`,
        signedContentSha256: 'c0ffee'.repeat(10) + 'c0ff',
      },
    },
  });
}

async function emptyPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

async function rate(work: (index: number) => Promise<unknown>): Promise<number> {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    await work(count);
    count += 1;
  }
  return count / ((performance.now() - started) / 1000);
}

const pki = await createDemoPki({
  now,
  holders: [
    {
      iin: '920715450456',
      surname: 'Ким',
      name: 'Светлана',
      organisation: { name: 'ЦОН', bin: '160440007161' },
    },
  ],
});
const credential = pki.holders[0]!.signing;

const sign = async (index: number) => {
  const content = receipt(index);
  const body = await renderDocumentPdf(content, { template, mode: { kind: 'signed_content' } });
  await signCms({ credential, content: body, signingTime: now, attached: false });
  return render(index);
};
for (let i = 0; i < 100; i += 1) {
  await emptyPdf();
  await sign(i);
}
let baseline = 0;
let rendered = 0;
let signed = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  baseline = Math.max(baseline, await rate(() => emptyPdf()));
  rendered = Math.max(rendered, await rate((index) => render(index)));
  signed = Math.max(signed, await rate(sign));
}
const size = (await render(1)).length;

report({
  bench: 'receipt.pdf',
  value: rendered,
  unit: 'pdfs/s',
  baseline,
  baselineName: 'empty one-page pdfkit document',
  bytes: size,
  rounds: ROUNDS,
  signedPerSecond: Math.round(signed * 10) / 10,
  goal: 100,
});
