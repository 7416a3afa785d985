// Issue 14: regions, services and sources are data (regulations/_vocabulary/), so the code
// names none of them: a region adopts Qyzmet by writing its regulations, never by changing
// code. No region code (in either spelling), service code or seed file number may appear in
// src/ outside tests. Single-word service codes that are also English words (e.g. the
// duplicates service) are checked as string literals; the country's code ("national") is
// an English word too, so only its string literal is refused.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from './config/paths.js';
import { regulationsDirectory } from './storage/regulation-files.js';
import { loadVocabulary } from './storage/vocabulary-files.js';

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The code as a whole word, where a hyphen or an underscore is part of a word. */
const asWord = (code: string) => new RegExp(`(?<![\\w-])${escape(code)}(?![\\w-])`);
const asLiteral = (code: string) => new RegExp(`['"\`]${escape(code)}['"\`]`);

describe('no vocabulary code in src/', () => {
  const loaded = loadVocabulary(regulationsDirectory);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const { regions, services } = loaded.vocabulary;
  const patterns: { what: string; pattern: RegExp }[] = [
    ...regions.flatMap((region) =>
      region.kind === 'country'
        ? [{ what: `region ${region.code}`, pattern: asLiteral(region.code) }]
        : [region.code, region.code.replaceAll('-', '_')].map((code) => ({
            what: `region ${region.code}`,
            pattern: asWord(code),
          })),
    ),
    ...services.map((service) => ({
      what: `service ${service.code}`,
      pattern: service.code.includes('-') ? asWord(service.code) : asLiteral(service.code),
    })),
    { what: 'a seed file number', pattern: /\bseeds?[ /(]*0\d\d\b/i },
  ];
  const files = sourceFiles(fromRoot('src'));

  it('walks the whole source tree and checks every declared code', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(regions.length).toBeGreaterThan(20);
    expect(services.length).toBeGreaterThan(5);
    // The checks can fail: they find what they look for.
    expect(asWord('west-kazakhstan').test("region: 'west-kazakhstan'")).toBe(true);
    expect(asWord('aktobe').test('Aktobe')).toBe(false);
    expect(asLiteral('duplicates').test("service === 'duplicates'")).toBe(true);
  });

  it('finds none of them outside tests', () => {
    const hits: string[] = [];
    for (const file of files) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const { what, pattern } of patterns) {
          if (pattern.test(line)) {
            hits.push(`${path.relative(fromRoot(), file)}:${index + 1}: ${what}`);
          }
        }
      });
    }
    expect(hits).toEqual([]);
  });
});
