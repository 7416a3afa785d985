#!/usr/bin/env node
// The long fuzz run (issue 16): the same corpus as CI (test/integration/http.fuzz.openapi-and-forms.test.ts)
// with more cases per target and a seed of your choice. CI runs 6 cases per target with seed 16.
//
//   node scripts/fuzz.mjs [--runs N] [--seed N] [--postgres URL]
//
// --runs: cases per API operation, web POST route and GET form (default 100)
// --seed: the fast-check seed (default: a random one, printed, so that a failure can be replayed)
// --postgres: run on a PostgreSQL server (a fresh database is made there) instead of PGlite
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    seed: { type: 'string' },
    postgres: { type: 'string' },
  },
});
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = Number(values.runs);
console.log(`fuzz: ${runs} cases per target, seed ${seed} (replay: --seed ${seed} --runs ${runs})`);
const result = spawnSync(
  path.join(root, 'node_modules', '.bin', 'vitest'),
  ['run', '--project', 'integration', 'test/integration/http.fuzz.openapi-and-forms.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_RUNS: String(runs),
      FUZZ_SEED: seed,
      // A long run may take as long as it needs.
      FUZZ_TIMEOUT_MS: String(Math.max(280_000, runs * 60_000)),
      TEST_DATABASE_URL: values.postgres ?? '',
    },
  },
);
process.exitCode = result.status ?? 1;
