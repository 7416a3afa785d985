import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fromRoot } from '../config/paths.js';
import { QueueRules } from '../domain/queue/QueueRules.js';

/** The folder of the regions' rules of the kindergarten queue, beside `regulations/`. */
export const defaultQueueRulesDirectory = fromRoot('queue-rules');

/** The rules by region, or every problem found (file, path, message). Never throws. */
export type QueueRulesLoadResult =
  | { ok: true; rules: ReadonlyMap<string, QueueRules> }
  | { ok: false; issues: { file: string; path: string; message: string }[] };

/**
 * Reads and validates `<directory>/<region>.yaml`: the file is named after its region, and a
 * source's `text` names a file under `<regulationsDirectory>/_vocabulary/` that exists.
 */
export function loadQueueRules(
  directory: string = defaultQueueRulesDirectory,
  regulationsDirectory: string = fromRoot('regulations'),
): QueueRulesLoadResult {
  const issues: { file: string; path: string; message: string }[] = [];
  const rules = new Map<string, QueueRules>();
  const files = fs.existsSync(directory)
    ? fs
        .readdirSync(directory)
        .filter((name) => name.endsWith('.yaml'))
        .sort()
    : [];
  for (const name of files) {
    const file = path.join(directory, name);
    let parsed: QueueRules;
    try {
      parsed = QueueRules.parse(parseYaml(fs.readFileSync(file, 'utf8')));
    } catch (error) {
      if (error instanceof z.ZodError) {
        for (const issue of error.issues) {
          issues.push({ file: name, path: issue.path.join('.'), message: issue.message });
        }
      } else {
        issues.push({ file: name, path: '(yaml)', message: (error as Error).message });
      }
      continue;
    }
    if (`${parsed.region}.yaml` !== name) {
      issues.push({
        file: name,
        path: 'region',
        message: `the file of ${parsed.region} is ${parsed.region}.yaml`,
      });
    }
    parsed.sources.forEach((source, index) => {
      if (
        source.text &&
        !fs.existsSync(path.join(regulationsDirectory, '_vocabulary', source.text))
      ) {
        issues.push({
          file: name,
          path: `sources.${index}.text`,
          message: `no file ${source.text}`,
        });
      }
    });
    rules.set(parsed.region, Object.freeze(parsed));
  }
  return issues.length ? { ok: false, issues } : { ok: true, rules };
}
