import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { displayPathOf } from './display-path.js';
import type { RegulationIssue } from '../domain/regulation/define-regulation.js';
import { Vocabulary } from '../domain/regulation/Vocabulary.js';
import { VersionHistory } from '../domain/regulation/VersionHistory.js';

/** The vocabulary folder inside a regulations directory. */
export const vocabularyFolderName = '_vocabulary';

/** The vocabulary files and the top-level keys each one declares. */
const vocabularyFiles = {
  'regions.yaml': ['regions', 'defaultRegion'],
  'services.yaml': ['areas', 'services'],
  'provider-kinds.yaml': ['providerKinds'],
  'sources.yaml': ['sources'],
} as const satisfies Record<string, readonly (keyof Vocabulary)[]>;

type VocabularyFileName = keyof typeof vocabularyFiles;

/** The vocabulary, or the issues (file, path, rule) that refuse it. Never throws. */
export type VocabularyLoadResult =
  { ok: true; vocabulary: Vocabulary } | { ok: false; issues: RegulationIssue[] };

function fileOfKey(key: PropertyKey | undefined): VocabularyFileName {
  const entry = Object.entries(vocabularyFiles).find(([, keys]) =>
    (keys as readonly PropertyKey[]).includes(key ?? ''),
  );
  return (entry?.[0] ?? 'regions.yaml') as VocabularyFileName;
}

/**
 * Reads and validates `<regulationsDirectory>/_vocabulary/*.yaml`: regions, services and their
 * areas, provider kinds, legal sources. A source's `text` must name an existing file.
 */
export function loadVocabulary(regulationsDirectory: string): VocabularyLoadResult {
  const folder = path.join(regulationsDirectory, vocabularyFolderName);
  const issues: RegulationIssue[] = [];
  const merged: Record<string, unknown> = {};
  for (const [name, keys] of Object.entries(vocabularyFiles)) {
    const file = path.join(folder, name);
    const display = displayPathOf(file, regulationsDirectory);
    if (!fs.existsSync(file)) {
      issues.push({ file: display, path: '(file)', rule: 'vocabularyFile', message: 'missing' });
      continue;
    }
    let data: unknown;
    try {
      data = parseYaml(fs.readFileSync(file, 'utf8'), { prettyErrors: true });
    } catch (error) {
      issues.push({
        file: display,
        path: '(yaml)',
        rule: 'yamlSyntax',
        message: (error as Error).message,
      });
      continue;
    }
    const record = (data ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(keys as readonly string[]).includes(key)) {
        issues.push({
          file: display,
          path: key,
          rule: 'vocabularyFile',
          message: `unexpected key "${key}" (this file declares ${keys.join(', ')})`,
        });
      }
    }
    for (const key of keys) merged[key] = record[key];
  }
  if (issues.length > 0) return { ok: false, issues };
  const parsed = Vocabulary.safeParse(merged);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => {
        const match = /^rule (\w+): (.*)$/s.exec(issue.message);
        return {
          file: displayPathOf(path.join(folder, fileOfKey(issue.path[0])), regulationsDirectory),
          path: issue.path.map(String).join('.') || '(root)',
          rule: match?.[1] ?? `schema.${issue.code}`,
          message: match?.[2] ?? issue.message,
        };
      }),
    };
  }
  const missingTexts = parsed.data.sources.flatMap((source, index) =>
    source.text && !fs.existsSync(path.join(folder, source.text))
      ? [
          {
            file: displayPathOf(path.join(folder, 'sources.yaml'), regulationsDirectory),
            path: `sources.${index}.text`,
            rule: 'sourceTextExists',
            message: `source "${source.id}": text file ${source.text} does not exist`,
          },
        ]
      : [],
  );
  if (missingTexts.length > 0) return { ok: false, issues: missingTexts };
  return { ok: true, vocabulary: parsed.data };
}

/** The full text of a declared source, when it keeps one. */
export function readSourceText(regulationsDirectory: string, textFile: string): string {
  return fs.readFileSync(path.join(regulationsDirectory, vocabularyFolderName, textFile), 'utf8');
}

/** The version history file beside the vocabulary (optional: absent means nothing recorded). */
export const versionHistoryFileName = 'versions.yaml';

/**
 * Reads `<regulationsDirectory>/_vocabulary/versions.yaml` (explained gaps between versions,
 * services known only by title). A missing file is an empty history; never throws.
 */
export function loadVersionHistory(
  regulationsDirectory: string,
): { ok: true; history: VersionHistory } | { ok: false; issues: RegulationIssue[] } {
  const file = path.join(regulationsDirectory, vocabularyFolderName, versionHistoryFileName);
  const display = displayPathOf(file, regulationsDirectory);
  if (!fs.existsSync(file)) return { ok: true, history: { gaps: [], knownByTitle: [] } };
  let data: unknown;
  try {
    data = parseYaml(fs.readFileSync(file, 'utf8'), { prettyErrors: true });
  } catch (error) {
    return {
      ok: false,
      issues: [
        { file: display, path: '(yaml)', rule: 'yamlSyntax', message: (error as Error).message },
      ],
    };
  }
  const parsed = VersionHistory.safeParse(data ?? {});
  if (parsed.success) return { ok: true, history: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      file: display,
      path: issue.path.join('.') || '(root)',
      rule: /rule (\w+)/.exec(issue.message)?.[1] ?? `schema.${issue.code}`,
      message: issue.message,
    })),
  };
}
