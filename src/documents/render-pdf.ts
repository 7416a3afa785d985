import { sandboxMarkLine } from '../domain/shared/sandbox-mark.js';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatKazakhstanTime, type DocumentContent, type FieldValue } from './document-content.js';
import { CachedTrueTypeSubset, TrueTypeGlyphCache } from './font-subset.js';
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
  EmbeddedFont: new (
    document: unknown,
    font: unknown,
    id: string,
  ) => { layoutCache: object; subset: unknown };
  parsed: unknown;
  /**
   * The glyphs' outlines and metrics and the font's constant tables, read once: each
   * document's subset is written from them (`font-subset.ts`) instead of decoding them again.
   */
  glyphCache: TrueTypeGlyphCache | undefined;
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
    const parsed = internals._font.font;
    return {
      EmbeddedFont: internals._font.constructor,
      parsed,
      glyphCache: TrueTypeGlyphCache.supports(parsed) ? new TrueTypeGlyphCache(parsed) : undefined,
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
  if (font.glyphCache) embedded.subset = new CachedTrueTypeSubset(font.glyphCache);
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

/** The official's signature as the issued document states it (rendered after verification). */
export interface SignatureStamp {
  /** The signer's name from the signing certificate's subject (CN, GIVENNAME). */
  signerName: string;
  /** The time the signature was made: the CMS signing time the server verified. */
  signedAt: Date;
  /** The short code printed on the document and accepted by /verify. */
  verificationCode: string;
  /** `${PUBLIC_URL}/verify/<id>`: printed and in the QR code. */
  verifyUrl: string;
  /** SHA-256 of the signed content (the document's body PDF that the CMS covers). */
  signedContentSha256: string;
}

/**
 * What is rendered:
 * - `draft`: the body with the draft mark on every page; no signature line, no QR code;
 * - `signed_content`: the body alone — exactly what the official signs;
 * - `issued`: the body plus the signature stamp (signer, signing time, verification code,
 *   SHA-256 of the signed content, QR code), rendered after the signature was verified.
 */
export type RenderMode =
  | { kind: 'draft' }
  | { kind: 'signed_content' }
  | { kind: 'issued'; stamp: SignatureStamp }
  | { kind: 'report' };

/**
 * The notice of a report (`mode: report`, e.g. the quarterly report of term violations): a
 * document the system compiled from its records, which nobody signed — printed on every page.
 */
export const reportNotice: Bilingual = {
  kk: 'Qyzmet жүйесінің автоматты есебі; электрондық қолтаңбамен қол қойылмаған',
  ru: 'Отчёт системы Qyzmet, сформирован автоматически; электронной подписью не подписан',
};

/** What the renderer reads of a document's content (a report is no stored document). */
export type RenderedContent = Pick<
  DocumentContent,
  'number' | 'language' | 'issuedAt' | 'organisation' | 'fields' | 'replacesNumber' | 'sandbox'
>;

/** What the renderer reads of a template. */
export type RenderedTemplate = Pick<
  DocumentTemplate,
  'title' | 'fields' | 'paragraphs' | 'signerRole'
>;

/** The draft mark (kk/ru), printed across and at the top of every page of a draft. */
export const draftMark: Bilingual = { kk: 'ЖОБА', ru: 'ПРОЕКТ' };
const draftNotice: Bilingual = {
  kk: 'ЖОБА — қол қойылмаған, заңдық күші жоқ',
  ru: 'ПРОЕКТ — не подписан, юридической силы не имеет',
};

export interface RenderOptions {
  template: RenderedTemplate;
  mode: RenderMode;
  /**
   * Lines printed at the top of every page (and, for a draft, the draft mark across it), e.g.
   * a sandbox mark. Part of what is signed when given for the signed content.
   */
  marks?: readonly string[];
}

/** Draws the marks of a page: the lines at the top and the diagonal mark of a draft. */
function drawPageMarks(
  doc: PDFKit.PDFDocument,
  lines: readonly string[],
  diagonal: string | undefined,
): void {
  if (lines.length === 0 && !diagonal) return;
  const { x, y } = doc;
  doc.save();
  if (diagonal) {
    const centreX = doc.page.width / 2;
    const centreY = doc.page.height / 2;
    doc
      .rotate(-45, { origin: [centreX, centreY] })
      .font('bold')
      .fontSize(72)
      .fillColor('#d0d0d0')
      .text(diagonal, 0, centreY - 40, {
        width: doc.page.width,
        align: 'center',
        lineBreak: false,
      });
    doc.rotate(45, { origin: [centreX, centreY] });
  }
  doc.fillColor('#a50e0e').font('bold').fontSize(9);
  lines.forEach((line, index) =>
    doc.text(line, MARGIN, 18 + index * 11, {
      width: doc.page.width - MARGIN * 2,
      align: 'center',
      lineBreak: false,
    }),
  );
  doc.restore();
  doc.fillColor('#000000');
  doc.x = x;
  doc.y = y;
}

/**
 * Renders a document to PDF (A4): header, both titles, number, the fields, the paragraphs,
 * and — by `mode` — the draft mark, or the signature stamp with the signer, the signing time,
 * the verification code, the SHA-256 of the signed content and a QR code to the public
 * verification page. The PDF's dates are the content's (the signing time for an issued
 * document), so one input gives one file.
 */
export async function renderDocumentPdf(
  content: RenderedContent,
  options: RenderOptions,
): Promise<Uint8Array> {
  const { regular, bold } = loadFonts();
  const { template, mode } = options;
  const language = content.language;
  const dated = mode.kind === 'issued' ? mode.stamp.signedAt : new Date(content.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // No default Helvetica: pdfkit would parse its AFM metrics for every document.
    font: null as unknown as string,
    info: {
      Title: `${content.number} ${template.title.ru}`,
      ...(mode.kind === 'issued' ? { Author: mode.stamp.signerName } : {}),
      Producer: 'Qyzmet',
      Creator: 'Qyzmet',
      CreationDate: dated,
      ModDate: dated,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  useSharedFont(doc, 'regular', regular);
  useSharedFont(doc, 'bold', bold);
  const width = doc.page.width - MARGIN * 2;

  const markLines = [
    ...(mode.kind === 'draft' ? [text(draftNotice, language, ' / ')] : []),
    ...(mode.kind === 'report' ? [text(reportNotice, language, ' / ')] : []),
    // A sandbox document (docs/sandbox.md): its mark in kk/ru/en on every page.
    ...(content.sandbox ? [sandboxMarkLine] : []),
    ...(options.marks ?? []),
  ];
  const diagonal = mode.kind === 'draft' ? text(draftMark, language, ' / ') : undefined;
  drawPageMarks(doc, markLines, diagonal);
  doc.on('pageAdded', () => drawPageMarks(doc, markLines, diagonal));

  doc.font('regular');
  if (content.organisation)
    doc.font('regular').fontSize(9).text(content.organisation, { align: 'center' });
  doc.moveDown(0.8);
  doc.font('bold').fontSize(13).text(template.title.kk, { align: 'center' });
  doc.font('bold').fontSize(13).text(template.title.ru, { align: 'center' });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(10).text(`№ ${content.number}`, { align: 'center' });
  if (content.replacesNumber) {
    doc
      .fontSize(9)
      .text(`${text({ kk: 'Ауыстырады', ru: 'Взамен' }, language)}: № ${content.replacesNumber}`, {
        align: 'center',
      });
  }
  doc.moveDown(1);
  for (const field of template.fields) {
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
        // A row starts on a new page when it would not fit (cells are drawn at one top).
        if (doc.y + 24 > doc.page.height - MARGIN) doc.addPage();
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

  for (const paragraph of template.paragraphs ?? []) {
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
  doc.font('bold').fontSize(10).text(text(template.signerRole, language), { width });
  if (mode.kind === 'issued') drawStamp(doc, mode.stamp, language, width);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const stampText = {
  signed: {
    kk: 'Электрондық цифрлық қолтаңбамен қол қойылған',
    ru: 'Подписано электронной цифровой подписью',
  },
  signer: { kk: 'Қол қойған', ru: 'Подписал' },
  signedAt: { kk: 'Қол қойылған уақыты', ru: 'Время подписания' },
  code: { kk: 'Тексеру коды', ru: 'Код проверки' },
  hash: { kk: 'Қол қойылған мазмұнның SHA-256', ru: 'SHA-256 подписанного содержания' },
  verify: { kk: 'Түпнұсқалығын тексеру', ru: 'Проверка подлинности' },
  what: {
    kk: 'Қолтаңба құжаттың осы белгіге дейінгі мазмұнына қойылған; белгі қолтаңба тексерілгеннен кейін қосылды.',
    ru: 'Подписью заверено содержание документа без этого штампа; штамп добавлен после проверки подписи.',
  },
} satisfies Record<string, Bilingual>;

/** The signature stamp: kk/ru labels, the signer and time, the code, the hash and the QR code. */
function drawStamp(
  doc: PDFKit.PDFDocument,
  stamp: SignatureStamp,
  language: DocumentContent['language'],
  width: number,
): void {
  if (doc.y + QR_SIZE + 60 > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y + 4;
  const textWidth = width - QR_SIZE - 24;
  const left = MARGIN + 8;
  doc
    .font('bold')
    .fontSize(9)
    .text(text(stampText.signed, language), left, top + 6, {
      width: textWidth,
    });
  doc
    .font('regular')
    .fontSize(9)
    .text(`${text(stampText.signer, language)}: ${stamp.signerName}`, { width: textWidth });
  doc.text(`${text(stampText.signedAt, language)}: ${formatKazakhstanTime(stamp.signedAt)}`, {
    width: textWidth,
  });
  doc.font('bold').text(`${text(stampText.code, language)}: ${stamp.verificationCode}`, {
    width: textWidth,
  });
  doc
    .font('regular')
    .fontSize(7)
    .text(`${text(stampText.hash, language)}: ${stamp.signedContentSha256}`, { width: textWidth });
  doc.text(`${text(stampText.verify, language)}: ${stamp.verifyUrl}`, {
    width: textWidth,
    link: stamp.verifyUrl,
  });
  doc.fontSize(6.5).text(text(stampText.what, language), { width: textWidth });
  const height = Math.max(doc.y - top + 6, QR_SIZE + 16);
  doc.save().lineWidth(0.8).strokeColor('#1a4f8b').rect(MARGIN, top, width, height).stroke();
  doc.restore();
  drawQr(doc, stamp.verifyUrl, MARGIN + width - QR_SIZE - 8, top + 8, QR_SIZE);
  doc.x = MARGIN;
  doc.y = top + height + 4;
}
