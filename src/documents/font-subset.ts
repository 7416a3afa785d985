/**
 * The TrueType subset embedded in each PDF, built from glyph data read once per process.
 *
 * fontkit's `TTFSubset` decodes every glyph it embeds again for every document (its outline,
 * to find the components of a composite glyph), and encodes the font's constant tables (`cvt `,
 * `prep`, `fpgm`: several kilobytes of instructions) value by value through its table structs:
 * in a profile of issuing receipts that was more than half of a document's layout time. This
 * subset keeps, per glyph, the bytes of its outline, its components and its metrics, and the
 * raw bytes of the constant tables, and writes the same font file byte for byte (a test
 * compares it with fontkit's for every glyph of the fonts in use).
 */

/** What the subset reads of a fontkit TrueType font (fontkit's own fields). */
interface TrueTypeFont {
  loca: { version: number; offsets: number[] };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  getGlyph(id: number): {
    advanceWidth: number;
    _decode(): {
      numberOfContours: number;
      components?: Array<{ glyphID: number; pos: number }>;
    } | null;
    _getMetrics(): { leftBearing: number };
  };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array } | null;
  _variationProcessor?: unknown;
}

interface GlyphEntry {
  /** The glyph's outline as stored in `glyf` (empty for a glyph without one). */
  bytes: Uint8Array;
  /** A composite glyph's components: their glyph ids and where each id sits in `bytes`. */
  components: ReadonlyArray<{ glyphID: number; pos: number }>;
  advance: number;
  bearing: number;
}

/** The tables fontkit's subset writes, in its order. */
const TABLE_ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'];

/** One parsed font's glyphs and constant tables, shared by the subsets of every document. */
export class TrueTypeGlyphCache {
  private readonly glyphs = new Map<number, GlyphEntry>();
  private readonly tables = new Map<string, Uint8Array | null>();

  constructor(readonly font: TrueTypeFont) {}

  /** Whether this cache can stand in for fontkit's subset of the font (plain TrueType). */
  static supports(font: unknown): font is TrueTypeFont {
    const candidate = font as Partial<TrueTypeFont> | null;
    return (
      !!candidate?.directory?.tables?.glyf &&
      !!candidate.loca &&
      !candidate.directory.tables['CFF '] &&
      !candidate._variationProcessor
    );
  }

  glyph(id: number): GlyphEntry {
    let entry = this.glyphs.get(id);
    if (entry) return entry;
    const glyph = this.font.getGlyph(id);
    const decoded = glyph._decode();
    const start = this.font.loca.offsets[id]!;
    const end = this.font.loca.offsets[id + 1]!;
    const stream = this.font._getTableStream('glyf')!;
    stream.pos += start;
    entry = {
      bytes: Uint8Array.from(stream.readBuffer(end - start)),
      components:
        decoded && decoded.numberOfContours < 0
          ? (decoded.components ?? []).map(({ glyphID, pos }) => ({ glyphID, pos }))
          : [],
      advance: glyph.advanceWidth,
      bearing: glyph._getMetrics().leftBearing,
    };
    this.glyphs.set(id, entry);
    return entry;
  }

  /** The raw bytes of one of the font's tables (null when the font has none). */
  table(tag: string): Uint8Array | null {
    if (this.tables.has(tag)) return this.tables.get(tag)!;
    const record = this.font.directory.tables[tag];
    let bytes: Uint8Array | null = null;
    if (record) {
      const stream = this.font._getTableStream(tag)!;
      bytes = Uint8Array.from(stream.readBuffer(record.length));
    }
    this.tables.set(tag, bytes);
    return bytes;
  }
}

/** The subset of one document: the interface of fontkit's `Subset` that pdfkit uses. */
export class CachedTrueTypeSubset {
  readonly glyphs: number[] = [];
  readonly mapping: Record<number, number> = {};

  constructor(private readonly cache: TrueTypeGlyphCache) {
    // Like fontkit: the missing glyph is always glyph 0 of the subset.
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'object' ? glyph.id : glyph;
    if (this.mapping[id] === undefined) {
      this.glyphs.push(id);
      this.mapping[id] = this.glyphs.length - 1;
    }
    return this.mapping[id];
  }

  /** The subset font file (what fontkit's `TTFSubset.encode` returns). */
  encode(): Buffer {
    const outlines: Uint8Array[] = [];
    const offsets: number[] = [];
    const metrics: Array<{ advance: number; bearing: number }> = [];
    let offset = 0;
    // The array grows while it is walked: a composite glyph includes its components.
    for (let index = 0; index < this.glyphs.length; index += 1) {
      const entry = this.cache.glyph(this.glyphs[index]!);
      let bytes = entry.bytes;
      if (entry.components.length > 0) {
        bytes = Uint8Array.from(bytes);
        const view = new DataView(bytes.buffer);
        for (const component of entry.components) {
          view.setUint16(component.pos, this.includeGlyph(component.glyphID));
        }
      }
      outlines.push(bytes);
      offsets.push(offset);
      metrics.push({ advance: entry.advance, bearing: entry.bearing });
      offset += bytes.length;
    }
    offsets.push(offset);

    const locaVersion = this.cache.font.loca.version;
    const loca = Buffer.alloc(offsets.length * (locaVersion === 0 ? 2 : 4));
    offsets.forEach((value, index) => {
      if (locaVersion === 0) loca.writeUInt16BE(value >>> 1, index * 2);
      else loca.writeUInt32BE(value, index * 4);
    });
    const hmtx = Buffer.alloc(metrics.length * 4);
    metrics.forEach(({ advance, bearing }, index) => {
      hmtx.writeUInt16BE(advance, index * 4);
      hmtx.writeInt16BE(bearing, index * 4 + 2);
    });
    const hhea = Buffer.from(this.cache.table('hhea')!);
    hhea.writeUInt16BE(metrics.length, 34); // numberOfMetrics
    const maxp = Buffer.from(this.cache.table('maxp')!);
    maxp.writeUInt16BE(outlines.length, 4); // numGlyphs
    const head = Buffer.from(this.cache.table('head')!);
    head.writeInt16BE(locaVersion, 50); // indexToLocFormat

    const contents: Record<string, Uint8Array[] | null> = {
      head: [head],
      hhea: [hhea],
      loca: [loca],
      maxp: [maxp],
      'cvt ': nullable(this.cache.table('cvt ')),
      prep: nullable(this.cache.table('prep')),
      glyf: outlines,
      hmtx: [hmtx],
      fpgm: nullable(this.cache.table('fpgm')),
    };
    const tables = TABLE_ORDER.filter((tag) => contents[tag]).map((tag) => ({
      tag,
      parts: contents[tag]!,
      length: contents[tag]!.reduce((sum, part) => sum + part.length, 0),
    }));
    return writeFontFile(tables);
  }
}

function nullable(bytes: Uint8Array | null): Uint8Array[] | null {
  return bytes ? [bytes] : null;
}

/**
 * The font file as fontkit's `Directory` encodes a subset: the tag `true`, the tables in the
 * given order with a zero checksum, their data one after another.
 */
function writeFontFile(
  tables: Array<{ tag: string; parts: Uint8Array[]; length: number }>,
): Buffer {
  const headerSize = 12 + tables.length * 16;
  const size = headerSize + tables.reduce((sum, table) => sum + table.length, 0);
  const file = Buffer.alloc(size);
  file.write('true', 0, 'latin1');
  const exponent = Math.floor(Math.log2(tables.length));
  const searchRange = 2 ** exponent * 16;
  file.writeUInt16BE(tables.length, 4);
  file.writeUInt16BE(searchRange, 6);
  file.writeUInt16BE(exponent, 8);
  file.writeUInt16BE(tables.length * 16 - searchRange, 10);
  let offset = headerSize;
  tables.forEach((table, index) => {
    const record = 12 + index * 16;
    file.write(table.tag, record, 'latin1');
    file.writeUInt32BE(0, record + 4);
    file.writeUInt32BE(offset, record + 8);
    file.writeUInt32BE(table.length, record + 12);
    for (const part of table.parts) {
      file.set(part, offset);
      offset += part.length;
    }
  });
  return file;
}
