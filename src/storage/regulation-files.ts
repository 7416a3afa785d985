import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fromRoot } from '../config/paths.js';
import {
  checkRegulations,
  partitionRunnable,
  type CheckContext,
  type CheckInput,
  type LoadedRegulation,
} from '../domain/regulation/check-regulations.js';
import { parseRegulation, type RegulationIssue } from '../domain/regulation/define-regulation.js';
import {
  createRegulationCatalog,
  type RegulationCatalog,
} from '../domain/regulation/regulation-catalog.js';
import { indexVocabulary } from '../domain/regulation/vocabulary-index.js';
import { displayPathOf } from './display-path.js';
import { loadVersionHistory, loadVocabulary, readSourceText } from './vocabulary-files.js';

/**
 * The project's folder of definition files: regulations/<region>/<service>.yaml, with the
 * vocabulary in regulations/_vocabulary/. `REGULATIONS_DIR` (config) points the server and the
 * worker at another folder; `regulations check --dir` the CLI.
 */
export const regulationsDirectory = fromRoot('regulations');

function listYamlFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      // Folders starting with "_" hold data that is not a definition (the vocabulary).
      if (entry.isDirectory()) return entry.name.startsWith('_') ? [] : listYamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

/** Reads and parses one definition file; never throws for a bad file (returns its issues). */
export function loadRegulationFile(
  file: string,
  regulationsFolder = path.dirname(path.dirname(file)),
): { ok: true; loaded: LoadedRegulation } | { ok: false; file: string; issues: RegulationIssue[] } {
  const display = displayPathOf(file, regulationsFolder);
  let data: unknown;
  try {
    data = parseYaml(fs.readFileSync(file, 'utf8'), { prettyErrors: true });
  } catch (error) {
    return {
      ok: false,
      file: display,
      issues: [
        { file: display, path: '(yaml)', rule: 'yamlSyntax', message: (error as Error).message },
      ],
    };
  }
  const result = parseRegulation(data, display);
  if (!result.ok) return { ok: false, file: display, issues: result.issues };
  return {
    ok: true,
    loaded: {
      file: display,
      regulation: result.regulation,
      folder: path.basename(path.dirname(file)),
    },
  };
}

/**
 * Loads every definition file under `directory` (default: the project's regulations/ folder)
 * and the vocabulary of its `_vocabulary/` folder. Batch operation: returns the parsed
 * definitions and the failures instead of throwing.
 */
export function loadRegulations(directory: string = regulationsDirectory): CheckInput {
  const regulations: LoadedRegulation[] = [];
  const parseFailures: { file: string; issues: RegulationIssue[] }[] = [];
  for (const file of listYamlFiles(directory)) {
    const result = loadRegulationFile(file, directory);
    if (result.ok) regulations.push(result.loaded);
    else parseFailures.push({ file: result.file, issues: result.issues });
  }
  const vocabulary = loadVocabulary(directory);
  if (!vocabulary.ok) return { regulations, parseFailures, vocabularyFailures: vocabulary.issues };
  // The checker reads every quote against its source's full text (issue 17).
  const sourceTexts = new Map(
    vocabulary.vocabulary.sources.flatMap((source) =>
      source.text ? [[source.id, readSourceText(directory, source.text)] as const] : [],
    ),
  );
  const history = loadVersionHistory(directory);
  return {
    regulations,
    parseFailures,
    vocabulary: indexVocabulary(vocabulary.vocabulary),
    sourceTexts,
    ...(history.ok ? { history: history.history } : { historyFailures: history.issues }),
  };
}

/**
 * The catalog the engine runs: every definition of `directory` that passes the checker. A file
 * with errors is left out and listed in `broken` (the others keep running); only an invalid
 * vocabulary, which every definition and page depends on, refuses the whole set.
 */
export function loadRegulationCatalog(
  context: CheckContext,
  directory: string = regulationsDirectory,
): RegulationCatalog {
  const input = loadRegulations(directory);
  if (!input.vocabulary) {
    throw new Error(
      `invalid vocabulary in ${directory}/_vocabulary:\n${(input.vocabularyFailures ?? [])
        .map((issue) => `${issue.file}: ${issue.path}: ${issue.message} [${issue.rule}]`)
        .join('\n')}`,
    );
  }
  const { runnable, broken } = partitionRunnable(input, checkRegulations(input, context));
  return createRegulationCatalog(
    runnable.map((loaded) => loaded.regulation),
    input.vocabulary,
    broken,
  );
}
