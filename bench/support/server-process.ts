import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../src/config/paths.js';

/** The real server as its own process, as production runs it. */
export interface ServerProcess {
  readonly url: string;
  /**
   * The CPU time the server process has used so far (user + system, ms; Linux `/proc`, 10 ms
   * resolution). Its difference over a load, divided by the requests, is the server's CPU per
   * request: unlike a latency, it hardly moves with what else the machine runs.
   */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * Starts `qyzmet serve` on a PostgreSQL server with a free port, production settings, no
 * worker and no demo data; resolves when it listens. Its request log is discarded.
 * `BENCH_SERVER_NODE_ARGS` adds Node options to the server's command line, to profile it under
 * the load (`--cpu-prof --cpu-prof-dir=/tmp/profiles`: written when it stops; see
 * docs/performance.md).
 */
export async function startServerProcess(
  databaseUrl: string,
  poolSize: number,
  /** Further settings of this run (e.g. TRUSTED_PROXIES for a load from many addresses). */
  extraEnv: Record<string, string> = {},
  options: {
    /** The checkout whose `qyzmet serve` runs (another worktree, to compare builds). */
    root?: string;
    /** Node options of this server (instead of `BENCH_SERVER_NODE_ARGS`). */
    nodeArgs?: readonly string[];
  } = {},
): Promise<ServerProcess> {
  const nodeArgs =
    options.nodeArgs ?? (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const bin = options.root ? join(options.root, 'bin', 'qyzmet.js') : fromRoot('bin', 'qyzmet.js');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, bin, 'serve'], {
    ...(options.root ? { cwd: options.root } : {}),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(poolSize),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      WORKER_ENABLED: 'false',
      DEMO_DATA: 'false',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /"port":(\d+)/.exec(buffer);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) =>
      reject(
        new Error(`the server${options.root ? ` in ${options.root}` : ''} exited with ${code}`),
      ),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    cpuMs: () => processCpuMs(child.pid!),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** User + system CPU of a process in ms, from `/proc/<pid>/stat` (fields 14 and 15, in ticks). */
export function processCpuMs(pid: number): number {
  return readProcessStat(pid)?.cpuMs ?? 0;
}

/**
 * The CPU a PostgreSQL cluster has used so far (ms): its postmaster and every process it started
 * that is still running (the backends of a pool, the checkpointer, the WAL writer). A backend that
 * exited between two readings is not counted: read it around a load whose connections stay open.
 */
export function postgresClusterCpuMs(dataDirectory: string): number {
  const postmaster = Number(
    readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  let total = readProcessStat(postmaster)?.cpuMs ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcessStat(Number(entry));
    if (stat?.parentPid === postmaster) total += stat.cpuMs;
  }
  return total;
}

function readProcessStat(pid: number): { parentPid: number; cpuMs: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return {
    parentPid: Number(fields[1]),
    cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond,
  };
}
