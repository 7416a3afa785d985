// A region adopts Qyzmet by writing its own regulations, never by changing code (issue 14):
// a regulations folder that holds the project's vocabulary plus, added as data only, a new
// service in the catalogue, a newly declared legal source with its text, and a regulation for a
// region no definition file has (Pavlodar region) — copied from Kostanay's extern permission.
// With no code change the engine runs it through each of its channels to a result and to a
// refusal (the same walk as every project regulation), and the signed result's PDF carries the
// definition's own title.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { regulationsDirectory } from '../../src/storage/regulation-files.js';
import { regulationCatalog } from '../support/applications.js';
import { pdfText } from '../support/documents.js';
import { describeEveryChannel } from '../support/every-channel.js';

const service = 'music-school-admission';
const source = 'pavlodar-akimat-2026-7';
const resultTitle = {
  kk: 'Балалар музыка мектебіне қабылдау туралы бұйрықтан үзінді',
  ru: 'Выписка из приказа о зачислении в детскую музыкальную школу',
};

/** The test's regulations folder: the vocabulary, extended, and the one new definition. */
function writeRegulationsFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-new-region-'));
  fs.cpSync(path.join(regulationsDirectory, '_vocabulary'), path.join(folder, '_vocabulary'), {
    recursive: true,
  });
  const vocabulary = path.join(folder, '_vocabulary');
  fs.appendFileSync(
    path.join(vocabulary, 'services.yaml'),
    [
      `- code: ${service}`,
      '  name:',
      '    kk: Балалар музыка мектебіне қабылдау',
      '    ru: Прием в детскую музыкальную школу',
      '    en: Admission to a children’s music school',
      '  area: education',
      '',
    ].join('\n'),
  );
  // The new act's text: the test reuses a published regulation's text, so that every quote of
  // the copied definition is found in the source it now cites.
  fs.copyFileSync(
    path.join(vocabulary, 'sources', 'akimat-2016-285.txt'),
    path.join(vocabulary, 'sources', `${source}.txt`),
  );
  fs.appendFileSync(
    path.join(vocabulary, 'sources.yaml'),
    [
      `  - id: ${source}`,
      '    kind: akimat_resolution',
      '    title:',
      '      kk: Балалар музыка мектебіне қабылдау мемлекеттік көрсетілетін қызмет регламенті',
      '      ru: Регламент государственной услуги «Прием в детскую музыкальную школу»',
      '    issuer:',
      '      kk: Павлодар облысының әкімдігі',
      '      ru: Акимат Павлодарской области',
      '      en: Akimat of Pavlodar region',
      '    number: "7"',
      '    date: 2026-01-15',
      `    text: sources/${source}.txt`,
      '    languages: [ru]',
      '',
    ].join('\n'),
  );
  const original = fs.readFileSync(
    path.join(regulationsDirectory, 'kostanay', 'extern-permission.yaml'),
    'utf8',
  );
  const definition = original
    .replace('id: kostanay.extern-permission.', `id: pavlodar.${service}.`)
    .replace(/^service: extern-permission$/m, `service: ${service}`)
    .replace(/^region: kostanay$/m, 'region: pavlodar')
    .replaceAll('source: akimat-2016-285', `source: ${source}`)
    .replace(
      'kk: Экстернат нысанында оқуға рұқсат беру туралы бұйрықтан үзінді',
      `kk: ${resultTitle.kk}`,
    )
    .replace(
      'ru: Выписка из приказа о разрешении на обучение в форме экстерната',
      `ru: ${resultTitle.ru}`,
    );
  expect(definition).not.toBe(original);
  fs.mkdirSync(path.join(folder, 'pavlodar'));
  fs.writeFileSync(path.join(folder, 'pavlodar', `${service}.yaml`), definition);
  return folder;
}

const folder = writeRegulationsFolder();
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('a new region, service and source declared as data', () => {
  it('loads with nothing broken: the Pavlodar definition, its service and its source', () => {
    const catalog = regulationCatalog(folder);
    expect(catalog.broken).toEqual([]);
    expect(catalog.all.map((regulation) => [regulation.region, regulation.service])).toEqual([
      ['pavlodar', service],
    ]);
    const [regulation] = catalog.all;
    expect(regulation!.results.find((result) => result.kind === 'result')?.title).toEqual(
      resultTitle,
    );
  });
});

let signedResults = 0;
describeEveryChannel(
  'Pavlodar’s music school admission through every channel',
  () => regulationCatalog(folder),
  folder,
  async ({ database, applicationId, outcome }) => {
    const documents = await database.db
      .selectFrom('document')
      .select(['kind', 'pdf'])
      .where('application_id', '=', applicationId)
      .execute();
    for (const document of documents) {
      const text = pdfText(new Uint8Array(document.pdf)).replace(/\s+/g, ' ');
      if (outcome === 'result') {
        expect(document.kind).toBe('result');
        expect(text).toContain(resultTitle.ru);
        expect(text).toContain(resultTitle.kk);
        signedResults += 1;
      } else {
        expect(text).not.toContain(resultTitle.ru);
      }
    }
  },
);

describe('the result documents', () => {
  it('were rendered and signed under the definition’s own title on every result path', () => {
    expect(signedResults).toBeGreaterThan(0);
  });
});
