import path from 'node:path';
import { projectRoot } from '../config/paths.js';

/**
 * How a file is named in reports, /health and the administration: relative to the project when
 * it lies inside it (regulations/<region>/…), else relative to the regulations folder it was
 * read from — never an absolute path of the server's disk.
 */
export function displayPathOf(file: string, regulationsFolder = path.dirname(file)): string {
  const relative = path.relative(projectRoot, file);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative;
  return path.relative(regulationsFolder, file) || path.basename(file);
}
