import { sandboxMarkLine } from '../domain/shared/sandbox-mark.js';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatKazakhstanTime, type DocumentContent, type FieldValue } from './document-content.js';
import type { Bilingual, DocumentTemplate } from './templates.js';

// DejaVu Sans covers the Kazakh Cyrillic letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І); the npm package
// dejavu-fonts-ttf installs it with the project.
const fontDirectory = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
/**
 * Parsing DejaVu Sans (~750 kB) and rebuilding its glyph caches for every document costs
 * tens of milliseconds, so the parsed fontkit font is shared by all documents: pdfkit makes a
 * fresh EmbeddedFont (its own subset and widths) per document around the shared parsed font.
 * pdfkit exports neither EmbeddedFont nor its font factory, so both are taken from a probe
 * document once; `_fontFamilies`/`_fontCount` are the fields `doc.font()` itself uses.
 */
interface SharedFont {
  EmbeddedFont: new (document: unknown, font: unknown, id: string) => { layoutCache: object };
  parsed: unknown;
  /**
   * pdfkit's per-font cache of laid-out words (glyphs and positions), shared by all documents:
   * the labels repeat on every document. Started afresh every LAYOUT_CACHE_DOCUMENTS documents.
   */
  layoutCache: Record<string, unknown>;
  documents: number;
}

/** Documents after which the shared layout cache starts afresh (names and numbers vary). */
const LAYOUT_CACHE_DOCUMENTS = 1_000;
interface PdfInternals {
  _font: { constructor: SharedFont['EmbeddedFont']; font: unknown };
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
}
let sharedFonts: { regular: SharedFont; bold: SharedFont } | undefined;
function loadFonts(): { regular: SharedFont; bold: SharedFont } {
  const load = (file: string): SharedFont => {
    const probe = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    probe.registerFont('probe', fs.readFileSync(path.join(fontDirectory, file)));
    probe.font('probe');
    const internals = probe as unknown as PdfInternals;
    return {
      EmbeddedFont: internals._font.constructor,
      parsed: internals._font.font,
      layoutCache: Object.create(null) as Record<string, unknown>,
      documents: 0,
    };
  };
  sharedFonts ??= { regular: load('DejaVuSans.ttf'), bold: load('DejaVuSans-Bold.ttf') };
  return sharedFonts;
}

function useSharedFont(doc: PDFKit.PDFDocument, name: string, font: SharedFont): void {
  // fontkit caches glyph objects with the code points of their first use; glyphs first made by
  // the subsetter of an earlier document have none, which would leave letters out of the
  // ToUnicode map (text extraction, accessibility): those are dropped from the cache, the
  // glyphs laid out from text (with their code points) are kept.
  const glyphs = (font.parsed as { _glyphs: Record<number, { codePoints: number[] }> })._glyphs;
  for (const id of Object.keys(glyphs)) {
    if (glyphs[Number(id)]!.codePoints.length === 0) delete glyphs[Number(id)];
  }
  const internals = doc as unknown as PdfInternals;
  internals._fontCount += 1;
  const embedded = new font.EmbeddedFont(doc, font.parsed, `F${internals._fontCount}`);
  font.documents += 1;
  if (font.documents % LAYOUT_CACHE_DOCUMENTS === 0) {
    font.layoutCache = Object.create(null) as Record<string, unknown>;
  }
  embedded.layoutCache = font.layoutCache;
  internals._fontFamilies[name] = embedded;
}

const MARGIN = 50;
const QR_SIZE = 96;

function text(bilingual: Bilingual, language: DocumentContent['language'], joiner = ' / '): string {
  switch (language) {
    case 'kk':
      return bilingual.kk;
    case 'ru':
      return bilingual.ru;
    case 'bilingual':
      return `${bilingual.kk}${joiner}${bilingual.ru}`;
  }
}

function fill(template: string, fields: Record<string, FieldValue>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = fields[key];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : '';
  });
}

/** Draws a QR code as vector squares (no raster step: small and fast). */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + quiet * 2);
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  for (let row = 0; row < count; row += 1) {
    for (let column = 0; column < count; column += 1) {
      if (qr.modules.get(row, column)) {
        doc.rect(x + (column + quiet) * cell, y + (row + quiet) * cell, cell + 0.05, cell + 0.05);
      }
    }
  }
  doc.fill('#000000').restore();
}

/**
 * Renders a document to PDF (A4): header, both titles, number and time of issue, the
 * fields, the paragraphs, the signer, the SHA-256 of the content, and a QR code to the
 * public verification page. The PDF's dates are the time of issue, so one content gives
 * one file.
 */
export async function renderDocumentPdf(
  content: DocumentContent,
  options: { template: DocumentTemplate; verifyUrl: string; contentSha256: string },
): Promise<Uint8Array> {
  const { regular, bold } = loadFonts();
  const issuedAt = new Date(content.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // No default Helvetica: pdfkit would parse its AFM metrics for every document.
    font: null as unknown as string,
    info: {
      Title: `${content.number} ${options.template.title.ru}`,
      Author: content.signer.name,
      Producer: 'Qyzmet',
      Creator: 'Qyzmet',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  useSharedFont(doc, 'regular', regular);
  useSharedFont(doc, 'bold', bold);
  const width = doc.page.width - MARGIN * 2;
  const language = content.language;
  if (content.sandbox) {
    // The sandbox mark (docs/sandbox.md) at the top of every page, in the three languages.
    const mark = () =>
      doc
        .font('bold')
        .fontSize(11)
        .fillColor('#b00020')
        .text(sandboxMarkLine, MARGIN, MARGIN / 2, { width, align: 'center' })
        .fillColor('black')
        .moveDown(0.5);
    mark();
    doc.on('pageAdded', mark);
  }

  doc.font('regular');
  if (content.organisation)
    doc.font('regular').fontSize(9).text(content.organisation, { align: 'center' });
  doc.moveDown(0.8);
  doc.font('bold').fontSize(13).text(options.template.title.kk, { align: 'center' });
  doc.font('bold').fontSize(13).text(options.template.title.ru, { align: 'center' });
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(10)
    .text(`№ ${content.number}    ${formatKazakhstanTime(issuedAt)}`, { align: 'center' });
  if (content.replacesNumber) {
    doc
      .fontSize(9)
      .text(`${text({ kk: 'Ауыстырады', ru: 'Взамен' }, language)}: № ${content.replacesNumber}`, {
        align: 'center',
      });
  }
  doc.moveDown(1);

  for (const field of options.template.fields) {
    const value = content.fields[field.key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      continue;
    const label = text(field.label, language);
    if (field.type === 'text') {
      doc.font('bold').fontSize(10).text(`${label}: `, { continued: true });
      doc.font('regular').text(String(value));
    } else if (field.type === 'list') {
      const items = value as string[];
      doc.font('bold').fontSize(10).text(`${label} (${items.length}):`);
      items.forEach((item, index) =>
        doc.font('regular').text(`${index + 1}. ${item}`, { indent: 12 }),
      );
    } else {
      const rows = value as string[][];
      const columns = field.columns ?? [];
      doc.font('bold').fontSize(10).text(`${label} (${rows.length}):`);
      const columnWidth = (width - 24) / Math.max(columns.length, 1);
      const drawRow = (first: string, cells: string[], font: 'regular' | 'bold') => {
        const top = doc.y;
        let bottom = top;
        doc.font(font).fontSize(8);
        const all = [first, ...cells];
        all.forEach((cell, index) => {
          const x = index === 0 ? MARGIN : MARGIN + 24 + (index - 1) * columnWidth;
          const w = index === 0 ? 22 : columnWidth - 4;
          doc.text(cell, x, top, { width: w });
          bottom = Math.max(bottom, doc.y);
        });
        doc.x = MARGIN;
        doc.y = bottom + 3;
      };
      drawRow(
        '№',
        columns.map((column) => text(column, language, '\n')),
        'bold',
      );
      rows.forEach((row, index) => drawRow(String(index + 1), row, 'regular'));
    }
    doc.moveDown(0.3);
  }

  for (const paragraph of options.template.paragraphs ?? []) {
    doc.moveDown(0.5);
    if (language !== 'ru')
      doc
        .font('regular')
        .fontSize(10)
        .text(fill(paragraph.kk, content.fields), { align: 'justify' });
    if (language !== 'kk')
      doc
        .font('regular')
        .fontSize(10)
        .text(fill(paragraph.ru, content.fields), { align: 'justify' });
  }

  doc.moveDown(1.5);
  const footerTop = Math.max(doc.y, 0);
  if (footerTop + QR_SIZE + 40 > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y;
  const textWidth = width - QR_SIZE - 16;
  doc
    .font('bold')
    .fontSize(10)
    .text(text(options.template.signerRole, language), MARGIN, top, { width: textWidth });
  doc.font('regular').fontSize(10).text(content.signer.name, { width: textWidth });
  doc
    .fontSize(8)
    .text(
      `${text({ kk: 'ЭЦҚ-мен қол қойылған', ru: 'Подписано ЭЦП' }, language)}: ${formatKazakhstanTime(issuedAt)}`,
      { width: textWidth },
    );
  doc.moveDown(0.5);
  doc.fontSize(7).text(`SHA-256: ${options.contentSha256}`, { width: textWidth });
  doc
    .fontSize(7)
    .text(
      `${text({ kk: 'Түпнұсқалығын тексеру', ru: 'Проверка подлинности' }, language)}: ${options.verifyUrl}`,
      {
        width: textWidth,
        link: options.verifyUrl,
      },
    );
  drawQr(doc, options.verifyUrl, MARGIN + width - QR_SIZE, top, QR_SIZE);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
