/**
 * Names the registries of every `registry_lookup` step in regulations/ (issue 14, point 3):
 * inserts a `lookup:` list (adapter name, subject, facts, how the text names the registry)
 * right after the step's `action: registry_lookup` line. Text-level and idempotent: a step that
 * already has a lookup is left alone, so the script can be re-run after merging other changes
 * to the same files. Fails on a registry_lookup step it has no entry for.
 *
 * Run: npx tsx scripts/migrate-registry-lookups.ts [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface QueryText {
  registry: string;
  subject: 'applicant' | 'representative';
  facts: string[];
  named: string;
}

// The queries each lookup step makes, as the source names them (the step's `source` cites it).
const westKazakhstan: QueryText[] = [
  // seed 000, annex 1, point 9, item 4: «направление запроса через ШЭП в государственную базу
  // данных физических лиц (далее - ГБД ФЛ) о данных услугополучателя, а также в Единой
  // нотариальной информационной системе (далее - ЕНИС) – о данных доверенности представителя»
  {
    registry: 'person-database',
    subject: 'applicant',
    facts: ['identity'],
    named: 'государственную базу данных физических лиц (далее - ГБД ФЛ)',
  },
  {
    registry: 'notary-registry',
    subject: 'representative',
    facts: ['power-of-attorney'],
    named: 'Единой нотариальной информационной системе (далее - ЕНИС)',
  },
];

const lookups: Readonly<Record<string, Readonly<Record<string, QueryText[]>>>> = {
  'west-kazakhstan/duplicates.yaml': { 'person-lookup': westKazakhstan },
  'west-kazakhstan/extern-permission.yaml': { 'person-lookup': westKazakhstan },
  'national/duplicates.yaml': {
    // seed 002, point 8, paragraph after item 3: «Сведения о документах, удостоверяющих
    // личность, работник Государственной корпорации получает из соответствующих
    // государственных информационных систем через шлюз "электронного правительства"» —
    // identity documents are the person database's (ГБД ФЛ); no notary registry is named.
    'fo-person-lookup': [
      {
        registry: 'person-database',
        subject: 'applicant',
        facts: ['identity-documents'],
        named:
          'соответствующих государственных информационных систем через шлюз "электронного правительства"',
      },
    ],
  },
};

const quote = (text: string) => JSON.stringify(text);

function renderLookup(indent: string, queries: QueryText[]): string[] {
  return [
    `${indent}lookup:`,
    ...queries.flatMap((query) => [
      `${indent}  - registry: ${query.registry}`,
      `${indent}    subject: ${query.subject}`,
      `${indent}    facts: [${query.facts.join(', ')}]`,
      `${indent}    named: ${quote(query.named)}`,
    ]),
  ];
}

/** Adds the missing lookups to one file's text; returns the new text and the steps changed. */
export function migrateText(
  relative: string,
  text: string,
): { text: string; changed: string[]; missing: string[] } {
  const lines = text.split('\n');
  const output: string[] = [];
  const changed: string[] = [];
  const missing: string[] = [];
  let stepId: string | undefined;
  let stepIndent = -1;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    output.push(line);
    const idMatch = /^(\s*)- id: ["']?([a-z0-9-]+)["']?\s*$/.exec(line);
    if (idMatch) {
      stepId = idMatch[2];
      stepIndent = idMatch[1]!.length + 2;
      continue;
    }
    const actionMatch = /^(\s*)action: registry_lookup\s*$/.exec(line);
    if (!actionMatch || !stepId || actionMatch[1]!.length !== stepIndent) continue;
    const indent = actionMatch[1]!;
    const hasLookup = lines
      .slice(index + 1)
      .findIndex((candidate) => new RegExp(`^${indent}lookup:`).test(candidate));
    const nextStep = lines
      .slice(index + 1)
      .findIndex((candidate) => /^\s*- id: /.test(candidate) || /^\S/.test(candidate));
    if (hasLookup >= 0 && (nextStep < 0 || hasLookup < nextStep)) continue;
    const queries = lookups[relative]?.[stepId];
    if (!queries) {
      missing.push(stepId);
      continue;
    }
    output.push(...renderLookup(indent, queries));
    changed.push(stepId);
  }
  return { text: output.join('\n'), changed, missing };
}

function main(): number {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'regulations');
  const isCheck = process.argv.includes('--check');
  let failed = false;
  const walk = (directory: string): string[] =>
    fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return walk(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    });
  for (const file of walk(root).sort()) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const result = migrateText(relative, fs.readFileSync(file, 'utf8'));
    for (const stepId of result.missing) {
      console.error(
        `${relative}: registry_lookup step "${stepId}" has no lookup and no entry here`,
      );
      failed = true;
    }
    if (result.changed.length === 0) continue;
    console.log(`${relative}: ${isCheck ? 'would name' : 'named'} ${result.changed.join(', ')}`);
    if (isCheck) failed = true;
    else fs.writeFileSync(file, result.text);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = main();
}
