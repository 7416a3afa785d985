#!/usr/bin/env node
// Runs every benchmark under bench/ (files *.bench.ts, or those named on the command line)
// one after another, passing through the JSON line each prints per measure:
// {"bench":"<name>","value":…,"unit":"…","baseline":…,"ratio":…}. Other output goes to stderr.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv.slice(2);
const files = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filter.length === 0 || filter.some((name) => file.includes(name)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    try {
      const measure = JSON.parse(line);
      if (typeof measure.bench !== 'string' || typeof measure.ratio !== 'number') throw new Error();
      process.stdout.write(`${line}\n`);
    } catch {
      process.stderr.write(`${line}\n`);
    }
  }
  if (result.status !== 0) {
    failed += 1;
    process.stderr.write(`bench: ${file} failed with exit code ${result.status}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
