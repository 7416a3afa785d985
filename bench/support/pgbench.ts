import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { PostgresCluster } from '../../scripts/postgres-cluster.mjs';

/**
 * The machine's database baseline: pgbench's TPC-B-like transaction (5 statements, one commit)
 * at `clients` concurrent clients for `seconds`, on the same cluster the benchmark uses.
 * Returns transactions per second (excluding connection time).
 */
export function measurePgbenchTps(
  cluster: PostgresCluster,
  clients: number,
  seconds: number,
): number {
  const pgbench = path.join(cluster.bin, 'pgbench');
  const database = 'pgbench';
  const asPostgres = (command: string, args: string[]) => {
    const [file, argv] =
      process.getuid?.() === 0
        ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
        : [command, args];
    return spawnSync(file, argv, { encoding: 'utf8' });
  };
  const connection = ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres'];
  execFileSync(path.join(cluster.bin, 'createdb'), [...connection, database]);
  const init = asPostgres(pgbench, [...connection, '-i', '-q', '-s', '10', database]);
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
  const run = asPostgres(pgbench, [
    ...connection,
    '-c',
    String(clients),
    '-j',
    '2',
    '-T',
    String(seconds),
    '-n',
    database,
  ]);
  if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr}`);
  const match =
    /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(
      run.stdout,
    );
  if (!match) throw new Error(`cannot read tps from pgbench:\n${run.stdout}`);
  return Number(match[1]);
}
