import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { regulationsDirectory } from './regulation-files.js';
import { loadVocabulary } from './vocabulary-files.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** A copy of the project's vocabulary whose provider-kinds.yaml is rewritten by `edit`. */
function vocabularyWithKinds(edit: (text: string) => string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-vocabulary-'));
  folders.push(folder);
  const vocabulary = path.join(folder, '_vocabulary');
  fs.cpSync(path.join(regulationsDirectory, '_vocabulary'), vocabulary, { recursive: true });
  const kinds = path.join(vocabulary, 'provider-kinds.yaml');
  fs.writeFileSync(kinds, edit(fs.readFileSync(kinds, 'utf8')));
  return folder;
}

describe('provider kinds are data', () => {
  it('accepts a kind a region declares, with no code change', () => {
    const loaded = loadVocabulary(
      vocabularyWithKinds(
        (text) =>
          `${text}  - code: guardianship_authority\n    name: { kk: Қорғаншылық органы, ru: Орган опеки и попечительства, en: Guardianship authority }\n`,
      ),
    );
    expect(loaded.ok && loaded.vocabulary.providerKinds.map((kind) => kind.code)).toContain(
      'guardianship_authority',
    );
  });

  it('refuses a vocabulary without the front office, the one kind the engine routes to', () => {
    const loaded = loadVocabulary(
      vocabularyWithKinds((text) => text.replace('- code: front_office', '- code: front_desk')),
    );
    expect(loaded).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ rule: 'frontOfficeDeclared', path: 'providerKinds' })],
    });
  });
});
