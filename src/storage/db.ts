import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Tables } from './schema.js';

export type Database = Kysely<Tables>;
export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the query builder, which backend it is, and how to close it. */
export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseKind;
  /** Where the data lives, without credentials: the PGlite directory or host:port/database. */
  readonly location: string;
  close(): Promise<void>;
}

/** The database could not be opened; `setting` names the configuration to fix. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly setting: 'DATABASE_URL' | 'DATA_DIR',
    detail: string,
  ) {
    super(`Cannot open the database: ${setting} ${detail}`);
    this.name = 'DatabaseOpenError';
  }
}

// Both backends return the same JavaScript types: int8 as number (counts, sequences
// far below 2^53), date as 'YYYY-MM-DD' (a calendar day has no time zone), timestamptz
// as Date, numeric as string.
const OID = { int8: 20, date: 1082 } as const;
const keepText = (value: string) => value;

/** Opens the configured database and checks that it answers. */
export async function openDatabase(database: Config['database']): Promise<DatabaseHandle> {
  return database.kind === 'postgres'
    ? openPostgres(database.url, database.poolSize)
    : openPGlite(database.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const parsed = new URL(url);
  const location = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === OID.int8) return (value: string) => Number(value);
        if (oid === OID.date) return keepText;
        return pg.types.getTypeParser(oid, format);
      },
    } as pg.CustomTypesConfig,
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(
      'DATABASE_URL',
      `cannot connect to ${location}: ${describe(error)}`,
    );
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    location,
    close: () => db.destroy(),
  };
}

/**
 * Opens PGlite in `dataDir`, or in memory when `dataDir` is `memory://`.
 * A lock file keeps a second process from opening the same directory, which would corrupt it.
 */
export async function openPGlite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    try {
      fs.mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new DatabaseOpenError('DATA_DIR', `cannot create ${dataDir}: ${describe(error)}`);
    }
    releaseLock = lockDirectory(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : dataDir, {
      parsers: { [OID.date]: keepText },
    });
  } catch (error) {
    releaseLock();
    throw new DatabaseOpenError('DATA_DIR', `cannot open ${dataDir}: ${describe(error)}`);
  }
  const db = new Kysely<Tables>({ dialect: new PGliteDialect(pglite) });
  await sql`select 1`.execute(db);
  return {
    db,
    kind: 'pglite',
    location: inMemory ? 'memory' : dataDir,
    close: async () => {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

function lockDirectory(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'qyzmet.lock');
  const take = () => fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  try {
    take();
  } catch {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DatabaseOpenError(
        'DATA_DIR',
        `${dataDir} is in use by process ${holder}; the embedded database serves one process (set DATABASE_URL to share a PostgreSQL server)`,
      );
    }
    fs.rmSync(lockFile, { force: true });
    take();
  }
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
