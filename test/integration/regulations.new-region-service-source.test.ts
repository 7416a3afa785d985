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
import {
  readOrganisationSeedFiles,
  seedOrganisations,
} from '../../src/features/identity/seed-organisations.js';
import { findOrganisation } from '../../src/storage/organisation.repository.js';
import { regulationsDirectory } from '../../src/storage/regulation-files.js';
import { createTestDatabase } from '../support/database.js';
import { regulationCatalog } from '../support/applications.js';
import { pdfText } from '../support/documents.js';
import { describeEveryChannel } from '../support/every-channel.js';

const service = 'music-school-admission';
/** A kind of provider no file declares today: music schools provide the new service. */
const providerKind = 'music_school';
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
  fs.appendFileSync(
    path.join(vocabulary, 'provider-kinds.yaml'),
    [
      `  - code: ${providerKind}`,
      '    name:',
      '      kk: Балалар музыка мектебі',
      '      ru: Детская музыкальная школа',
      '      en: Children’s music school',
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
    .replace(/^providerKinds:\n {2}- district_akimat$/m, `providerKinds:\n  - ${providerKind}`)
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
  expect(definition).toContain(`  - ${providerKind}`);
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

describe('the new region’s organisations file', () => {
  const seedFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-new-region-seed-'));
  afterAll(() => fs.rmSync(seedFolder, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(seedFolder, 'pavlodar.yaml'),
    [
      'region:',
      '  code: pavlodar',
      '  name: { kk: Павлодар облысы, ru: Павлодарская область }',
      '  timeZone: Asia/Almaty',
      'organisations:',
      '  - id: pavlodar-music-school-1',
      `    kind: ${providerKind}`,
      '    name: { kk: № 1 балалар музыка мектебі, ru: Детская музыкальная школа № 1 }',
      '',
    ].join('\n'),
  );

  it('is read against the extended vocabulary and seeded with its new kind of provider', async () => {
    const files = readOrganisationSeedFiles(regulationCatalog(folder).vocabulary, seedFolder);
    const database = await createTestDatabase();
    try {
      const result = await seedOrganisations(
        database.db,
        files.map((file) => file.content),
        new Date('2026-01-20T04:00:00Z'),
      );
      expect(result.created).toEqual(['pavlodar-music-school-1']);
      expect(await findOrganisation(database.db, 'pavlodar-music-school-1')).toMatchObject({
        kind: providerKind,
        regionCode: 'pavlodar',
      });
    } finally {
      await database.close();
    }
  });

  it('is refused, naming the file and the kind, by a vocabulary that does not declare the kind', () => {
    expect(() => readOrganisationSeedFiles(regulationCatalog().vocabulary, seedFolder)).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        details: {
          file: 'pavlodar.yaml',
          issues: [
            { path: 'organisations.0.kind', rule: `undeclared provider kind ${providerKind}` },
          ],
        },
      }),
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
