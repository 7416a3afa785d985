#!/usr/bin/env node
// The one command that runs every test: typecheck, lint and format, unit tests, the
// integration suite on PGlite and again on a throwaway PostgreSQL server, then the
// browser journeys when there are any. Prints one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';
import { startPostgresCluster } from './postgres-cluster.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'artifacts', 'test-results');
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function banner(title) {
  console.log(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

function run(title, command, args, env = {}) {
  banner(title);
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${title} (${seconds}s)`);
  if (!ok) failures.push(title);
  return ok;
}

/** Runs a vitest project and adds its counts to the totals. */
function vitest(title, project, env = {}) {
  const output = path.join(results, `${title.replace(/\W+/g, '-')}.json`);
  const ok = run(
    title,
    bin('vitest'),
    [
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${output}`,
    ],
    env,
  );
  if (fs.existsSync(output)) {
    const report = JSON.parse(fs.readFileSync(output, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) {
      console.log(`✘ ${title}: no test ran`);
      failures.push(`${title} (no tests)`);
    }
  } else if (!ok) {
    totals.failed += 1;
  }
  return ok;
}

const only = process.argv.slice(2);
const wants = (step) => only.length === 0 || only.includes(step);

if (wants('static')) {
  run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  run('lint', bin('eslint'), ['--max-warnings', '0', '.']);
  run('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
}
if (wants('unit')) vitest('unit tests', 'unit');
if (wants('integration') || wants('postgres')) {
  banner('build');
  ensureBuilt({ quiet: true });
}
if (wants('integration'))
  vitest('integration tests on PGlite', 'integration', { TEST_DATABASE_URL: '' });
if (wants('postgres')) {
  banner('PostgreSQL server for the integration suite');
  let cluster;
  try {
    cluster = await startPostgresCluster({
      quiet: false,
      settings: {
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: 200,
      },
    });
  } catch (error) {
    console.log(`✘ cannot start PostgreSQL: ${error.message}`);
    failures.push('PostgreSQL server');
  }
  if (cluster) {
    const stop = () => cluster.stop();
    process.once('SIGINT', () => (stop(), process.exit(130)));
    process.once('SIGTERM', () => (stop(), process.exit(143)));
    try {
      vitest(`integration tests on PostgreSQL ${cluster.version}`, 'integration', {
        TEST_DATABASE_URL: cluster.url,
      });
    } finally {
      stop();
    }
  }
}
const journeys = path.join(root, 'e2e');
if (
  wants('e2e') &&
  fs.existsSync(journeys) &&
  fs.readdirSync(journeys).some((f) => f.endsWith('.test.ts'))
) {
  vitest('browser journeys', 'e2e');
}

banner('summary');
if (failures.length > 0) console.log(`failed steps: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = failures.length > 0 || totals.failed > 0 ? 1 : 0;
