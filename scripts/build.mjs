#!/usr/bin/env node
// Compiles src/ to dist/src/ with esbuild, file by file (no bundling: the same modules, the same
// relative imports, source maps beside them). With --if-needed, compiles only when a source file
// is newer than the last build, so `npm start` and `npx qyzmet` stay fast after the first run.
//
// It only strips the types (the tsconfig's isolatedModules and verbatimModuleSyntax make every
// file translatable on its own): the type check is `npm run typecheck`, part of the test command,
// and no longer on a newcomer's first start (issue 21: tsc took 9–13 s of it; esbuild < 1 s).
import fs from 'node:fs';
import { buildSync } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestModification(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) {
    newest = Math.max(newest, newestModification(path.join(target, entry)));
  }
  return newest;
}

/** Builds when dist/ is missing or older than a source; returns true when it compiled. */
export function ensureBuilt({ force = false, quiet = false } = {}) {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const newest = Math.max(...inputs.map(newestModification));
  if (!force && built >= newest) return false;
  if (!quiet)
    process.stderr.write('qyzmet: compiling TypeScript (first start or sources changed)…\n');
  const sources = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name))
        sources.push(full);
    }
  };
  walk(path.join(root, 'src'));
  // A clean output: a source removed since the last build leaves no module behind.
  fs.rmSync(path.join(root, 'dist', 'src'), { recursive: true, force: true });
  try {
    buildSync({
      entryPoints: sources,
      outdir: path.join(root, 'dist', 'src'),
      outbase: path.join(root, 'src'),
      tsconfig: path.join(root, 'tsconfig.build.json'),
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      logLevel: quiet ? 'error' : 'warning',
    });
  } catch {
    process.stderr.write('qyzmet: the build failed (see the errors above)\n');
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, new Date().toISOString());
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureBuilt({ force: !process.argv.includes('--if-needed') });
}
