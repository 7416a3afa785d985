import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder (where package.json is), found from this file's location,
 * so data folders resolve the same when run from source (tsx) or from `dist/`.
 */
export const projectRoot: string = (() => {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('package.json not found above ' + import.meta.url);
    directory = parent;
  }
  return directory;
})();

/** A path inside the project root. */
export const fromRoot = (...segments: string[]): string => path.join(projectRoot, ...segments);
