// A throwaway PostgreSQL server for tests and benchmarks: a new cluster in a temporary
// directory, on a free loopback port, run as the `postgres` user when we are root
// (initdb refuses root), removed when stopped. Installs Debian's `postgresql` when it is
// missing and we are root (CI); otherwise says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const isRoot = process.getuid?.() === 0;

function findBinaries() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((version) => fs.existsSync(path.join(base, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const preferred = versions.includes('15') ? '15' : versions[0];
  return preferred && path.join(base, preferred, 'bin');
}

function ensureInstalled() {
  let bin = findBinaries();
  if (bin) return bin;
  if (!isRoot) {
    throw new Error(
      'PostgreSQL server binaries not found. Install them with: sudo apt-get install -y postgresql',
    );
  }
  console.error('postgres-cluster: installing Debian package postgresql…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  bin = findBinaries();
  if (!bin) throw new Error('postgresql was installed but initdb is still missing');
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function asPostgresUser(command, args, options = {}) {
  const [file, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/**
 * Starts a cluster. `settings` are extra server settings (name → value).
 * Returns { url, port, directory, version, stop(), restart({ downMs }) }.
 */
export async function startPostgresCluster({ settings = {}, quiet = true } = {}) {
  const bin = ensureInstalled();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-pg-'));
  if (isRoot) {
    fs.chmodSync(directory, 0o700);
    execFileSync('chown', ['postgres:postgres', directory]);
  }
  const dataDir = path.join(directory, 'data');
  asPostgresUser(
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8'],
    {
      cwd: directory,
    },
  );
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${directory}`,
    '-c listen_addresses=127.0.0.1',
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  const startServer = () =>
    asPostgresUser(
      path.join(bin, 'pg_ctl'),
      [
        '-D',
        dataDir,
        '-o',
        options,
        '-l',
        path.join(directory, 'server.log'),
        '-w',
        '-t',
        '60',
        'start',
      ],
      {
        cwd: directory,
      },
    );
  startServer();
  const version = path.basename(path.dirname(bin));
  if (!quiet)
    console.error(`postgres-cluster: PostgreSQL ${version} on 127.0.0.1:${port} (${directory})`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], {
        cwd: directory,
      });
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  };
  /**
   * Restarts the server as an operator would (`pg_ctl stop -m fast`, then start): every
   * connection is closed with 57P01; the port refuses connections for `downMs` at least.
   */
  const restart = async ({ downMs = 0 } = {}) => {
    asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], {
      cwd: directory,
    });
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    startServer();
  };
  return {
    restart,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    directory,
    bin,
    version,
    stop,
  };
}
