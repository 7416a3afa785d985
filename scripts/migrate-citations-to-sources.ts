/**
 * One-off migration (issue 14): citations named a seed file (`seed: "004"`); they now name a
 * declared legal source of regulations/_vocabulary/sources.yaml (`source: akimat-2016-285`).
 * Rewrites the definition files line by line, so quotes, comments and layout stay as they were;
 * only the citation keys, the "Source:" header comments and free-text mentions "seed 004" outside
 * quotes change. Idempotent. Kept for regulation files written before the change:
 *
 *   npx tsx scripts/migrate-citations-to-sources.ts [regulations-dir]
 */
import fs from 'node:fs';
import path from 'node:path';

const sourceOfSeed: Readonly<Record<string, string>> = {
  '000': 'akimat-2016-54',
  '001': 'akimat-2015-232',
  '002': 'standard-education-duplicates',
  '003': 'akimat-2012-149',
  '004': 'akimat-2016-285',
};

function sourceOf(seed: string): string {
  const source = sourceOfSeed[seed];
  if (!source) throw new Error(`seed ${seed} has no declared source`);
  return source;
}

/** Rewrites one file's text; returns it unchanged when there is nothing to migrate. */
export function migrateDefinitionText(text: string): string {
  let insideQuote = false;
  let quoteIndent = -1;
  return text
    .split('\n')
    .map((line) => {
      const indent = line.length - line.trimStart().length;
      if (insideQuote && line.trim() !== '' && indent <= quoteIndent) insideQuote = false;
      const citation = /^(\s*(?:- )?)seed: "(\d{3})"\s*$/.exec(line);
      if (citation) return `${citation[1]}source: ${sourceOf(citation[2] ?? '')}`;
      const header = /^# Source: shared\/seeds\/([\d, ]+)\.(.*)$/.exec(line);
      if (header) {
        const ids = (header[1] ?? '').split(',').map((seed) => sourceOf(seed.trim()));
        return `# Sources: ${ids.join(', ')} (regulations/_vocabulary/sources.yaml).${header[2] ?? ''}`;
      }
      if (/^\s*(- )?quote:/.test(line)) {
        insideQuote = true;
        quoteIndent = indent + (line.trimStart().startsWith('- ') ? 2 : 0);
        return line;
      }
      if (insideQuote) return line;
      return line.replace(/\b([Ss])eeds? (\d{3})\b/g, (_match, _s: string, seed: string) =>
        sourceOf(seed),
      );
    })
    .join('\n');
}

function listDefinitionFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('_') ? [] : listDefinitionFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

const directory = path.resolve(process.argv[2] ?? 'regulations');
for (const file of listDefinitionFiles(directory)) {
  const before = fs.readFileSync(file, 'utf8');
  const after = migrateDefinitionText(before);
  if (after !== before) {
    fs.writeFileSync(file, after);
    console.log(`migrated ${path.relative(process.cwd(), file)}`);
  }
}
