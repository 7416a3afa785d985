import { spawn, type ChildProcess } from 'node:child_process';
import { fromRoot } from '../../src/config/paths.js';

/** `qyzmet serve` from the built CLI (dist/) as a separate process, on a free loopback port. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Every JSON log line the process printed so far. */
  readonly logLines: ReadonlyArray<Record<string, unknown>>;
  /** The exit code or signal once the process ended, undefined while it runs. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** kill -9: no shutdown handler runs; resolves once the process is reaped. */
  killHard(): Promise<void>;
  /** SIGTERM (graceful stop); resolves once the process ended. */
  stop(): Promise<void>;
}

/**
 * Starts `qyzmet serve` with `env` over the test defaults (NODE_ENV=test, no demo data, no
 * build) and resolves once it logged its port; rejects if it exits first or takes longer
 * than `timeoutMs`. `unset` names variables removed from the process's environment, so that
 * the server takes their defaults (e.g. `NODE_ENV`, `DEMO_DATA`: a newcomer's `npm start`).
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 120_000,
  options: { unset?: readonly string[] } = {},
): Promise<ServerProcess> {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    QYZMET_NO_BUILD: '1',
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DEMO_DATA: 'false',
    ...env,
  };
  for (const name of options.unset ?? []) delete environment[name];
  const child = spawn(process.execPath, [fromRoot('bin', 'qyzmet.js'), 'serve'], {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: Array<Record<string, unknown>> = [];
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const ended = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  let buffer = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`qyzmet serve did not listen within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    void ended.then(() => {
      clearTimeout(timer);
      reject(new Error(`qyzmet serve exited early (${exit?.code ?? exit?.signal})\n${stderr}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const line = JSON.parse(text) as Record<string, unknown>;
          logLines.push(line);
          if (typeof line.port === 'number') {
            clearTimeout(timer);
            resolve(line.port);
          }
        } catch {
          // not a log line
        }
      }
    });
  });
  return {
    child,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    logLines,
    exited: () => exit,
    killHard: async () => {
      if (!exit) child.kill('SIGKILL');
      await ended;
    },
    stop: async () => {
      if (!exit) child.kill('SIGTERM');
      await ended;
    },
  };
}
