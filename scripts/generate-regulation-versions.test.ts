import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  regulationVersionsDocPath,
  renderRegulationVersionsDoc,
} from './generate-regulation-versions.js';

describe('docs/regulation-versions.md', () => {
  it('is up to date with the definitions and versions.yaml (run npm run docs:versions)', () => {
    expect(fs.readFileSync(regulationVersionsDocPath, 'utf8')).toBe(renderRegulationVersionsDoc());
  });

  it('lists every version and explains every gap: no unexplained period', () => {
    const doc = renderRegulationVersionsDoc();
    expect(doc).toContain('## kostanay / duplicates');
    expect(doc).toContain('version `kostanay.duplicates.2018-12-21`');
    expect(doc).toContain('gap: wording not in the source');
    expect(doc).not.toContain('**unexplained gap**');
    expect(doc).toContain('Назначение государственной адресной социальной помощи');
    expect(doc).toMatch(/; 0 unexplained; 2 services known only by title\./);
  });
});
