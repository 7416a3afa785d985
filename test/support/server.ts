import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/cli/server.js';
import { fromRoot } from '../../src/config/paths.js';

let processPkiDirectory: string | undefined;

/**
 * The PKI folder of this test process: a temporary directory (never the repository's
 * ./data/pki) that the first server start fills with the embedded PKI; removed at exit.
 */
export function testPkiDirectory(): string {
  if (!processPkiDirectory) {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-test-pki-'));
    processPkiDirectory = directory;
    process.once('exit', () => fs.rmSync(directory, { recursive: true, force: true }));
  }
  return processPkiDirectory;
}

/**
 * Test configuration: silent logs, a random port, the given database, and the process's
 * temporary PKI folder.
 */
export function testConfig(database: Config['database']): Config {
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '1' });
  // No background worker: in-process server tests see only their own requests' writes.
  return {
    ...base,
    http: { ...base.http, port: 0, host: '127.0.0.1' },
    database,
    worker: { ...base.worker, enabled: false },
    pki: { ...base.pki, directory: testPkiDirectory() },
  };
}

/** Starts the real server in this process on a random port. */
export async function startTestServer(
  database: Config['database'],
  options?: ServerOptions,
): Promise<RunningServer & { url: string }> {
  const config = testConfig(database);
  const server = await startServer(config, createLogger(config), options);
  return Object.assign(server, { url: `http://127.0.0.1:${server.port}` });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `qyzmet <args>` as a separate process (the built CLI) and collects its output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fromRoot('bin', 'qyzmet.js'), ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', QYZMET_NO_BUILD: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `qyzmet ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
