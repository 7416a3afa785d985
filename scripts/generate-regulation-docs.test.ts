import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regulationFormatDocPath, renderRegulationFormatDoc } from './generate-regulation-docs.js';

describe('docs/regulation-format.md', () => {
  it('is up to date with the schemas (run npm run docs:regulations)', () => {
    expect(fs.readFileSync(regulationFormatDocPath, 'utf8')).toBe(renderRegulationFormatDoc());
  });

  it('documents every structure and the closed lists', () => {
    const doc = renderRegulationFormatDoc();
    for (const heading of [
      '### RegulationDefinition',
      '### Step',
      '### TotalTerm',
      '### ApplicationField',
      '### ActionKind',
      '### DecisionQuestion',
    ]) {
      expect(doc).toContain(heading);
    }
    expect(doc).toContain('| `await_applicant_answer` |');
  });
});
