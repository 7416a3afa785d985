import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { CachedTrueTypeSubset, TrueTypeGlyphCache } from './font-subset.js';

const fontDirectory = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);

interface Font {
  numGlyphs: number;
  layout(text: string): { glyphs: Array<{ id: number }> };
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
}

/** The font as pdfkit parses it (fontkit, which pdfkit brings). */
function open(file: string): Font {
  const probe = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  probe.registerFont('probe', fs.readFileSync(path.join(fontDirectory, file)));
  probe.font('probe');
  return (probe as unknown as { _font: { font: Font } })._font.font;
}

/** The same glyphs, in the same order, through fontkit's subset and the cached one. */
function bothSubsets(font: Font, cache: TrueTypeGlyphCache, ids: number[]) {
  const reference = font.createSubset();
  const cached = new CachedTrueTypeSubset(cache);
  const mapped = ids.map((id) => [reference.includeGlyph(id), cached.includeGlyph(id)]);
  return { mapped, reference: Buffer.from(reference.encode()), cached: cached.encode() };
}

describe('the cached TrueType subset', () => {
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    it(`writes ${file}'s subsets byte for byte as fontkit does`, () => {
      const font = open(file);
      const cache = new TrueTypeGlyphCache(font as never);
      expect(TrueTypeGlyphCache.supports(font)).toBe(true);
      // A document's text: Kazakh and Russian letters (composites among them), digits, signs.
      const text =
        'Қол қойған: ЖҰМАБЕКОВ ЕРЖАН БАУЫРЖАНҰЛЫ, ӘҒҚҢӨҰҮҺІ әғқңөұүһі ё й № 42 «SHA-256»';
      const laidOut = font.layout(text).glyphs.map((glyph) => glyph.id);
      const first = bothSubsets(font, cache, laidOut);
      expect(first.mapped.every(([a, b]) => a === b)).toBe(true);
      expect(first.cached.length).toBeGreaterThan(10_000);
      expect(first.cached.equals(first.reference)).toBe(true);
      // Every glyph of the font, in slices and in a shuffled order, twice (the second from the cache).
      const all = Array.from({ length: font.numGlyphs }, (_, id) => id);
      const shuffled = all.map((id) => (id * 7919) % font.numGlyphs);
      for (const ids of [
        all.slice(0, 1500),
        all.slice(1500),
        shuffled.slice(0, 900),
        all.slice(0, 1500),
      ]) {
        const { reference, cached } = bothSubsets(font, cache, ids);
        expect(cached.equals(reference)).toBe(true);
      }
    });
  }
});
