import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fromRoot, projectRoot } from '../config/paths.js';
import type { CheckInput, LoadedRegulation } from '../domain/regulation/check-regulations.js';
import { parseRegulation, type RegulationIssue } from '../domain/regulation/define-regulation.js';

/** The folder of definition files: regulations/<region>/<service>.yaml. */
export const regulationsDirectory = fromRoot('regulations');

function listYamlFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return listYamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

/** Reads and parses one definition file; never throws for a bad file (returns its issues). */
export function loadRegulationFile(
  file: string,
): { ok: true; loaded: LoadedRegulation } | { ok: false; file: string; issues: RegulationIssue[] } {
  const relative = path.relative(projectRoot, file);
  const display = relative && !relative.startsWith('..') ? relative : file;
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
  return { ok: true, loaded: { file: display, regulation: result.regulation } };
}

/**
 * Loads every definition file under `directory` (default: the project's regulations/ folder).
 * Batch operation: returns the parsed definitions and the failures instead of throwing.
 */
export function loadRegulations(directory: string = regulationsDirectory): CheckInput {
  const regulations: LoadedRegulation[] = [];
  const parseFailures: { file: string; issues: RegulationIssue[] }[] = [];
  for (const file of listYamlFiles(directory)) {
    const result = loadRegulationFile(file);
    if (result.ok) regulations.push(result.loaded);
    else parseFailures.push({ file: result.file, issues: result.issues });
  }
  return { regulations, parseFailures };
}
