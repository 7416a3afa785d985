import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { collectGarbageSoon } from '../config/collect-garbage.js';
import type { Config } from '../config/config.js';
import { PGliteDialect } from './pglite-dialect.js';
import { copyEmbeddedTemplate, readEmbeddedTemplateTarball } from './pglite-template.js';
import type { Tables } from './schema.js';
import { timestamptzParser } from './timestamptz.js';

export type Database = Kysely<Tables>;
export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the query builder, which backend it is, and how to close it. */
export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseKind;
  /** Where the data lives, without credentials: the PGlite directory or host:port/database. */
  readonly location: string;
  /** The PostgreSQL pool's connections now (GET /metrics); undefined for PGlite (one session). */
  connections(): { total: number; idle: number; waiting: number } | undefined;
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
const OID = { bytea: 17, int8: 20, date: 1082, timestamptz: 1184 } as const;
const keepText = (value: string) => value;

// bytea on the embedded database. PGlite's own serializer wrote a parameter as hex text one
// byte at a time (`Array.from(bytes).map(toString(16))`, then the text measured and encoded
// character by character) and its parser read the answer back by two-character slices: a
// tenth of a first start's CPU went there, on the demo's PDFs (issue 21, docs/performance.md).
// A parameter is now sent as it is, in PostgreSQL's binary format (a bytea's binary form is
// its bytes), and an answer's hex text is decoded by Node — to a Buffer, as node-postgres
// returns on the server, so both backends give the same type.
const byteaParameter = (value: unknown): string => {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  // PGlite sends a typed array in the binary format; its serializer type says string only.
  return value as unknown as string;
};
const parseByteaHex = (text: string): Buffer => Buffer.from(text.slice(2), 'hex');
const parseTimestamptz = timestamptzParser(pg.types.getTypeParser(OID.timestamptz, 'text'));

/**
 * Statement texts that PostgreSQL connections keep prepared under a name: the first use on a
 * connection parses it, every later one sends only its parameters, and the server plans it
 * once (a generic plan, when PostgreSQL finds it no dearer than planning each time) instead
 * of for every execution. For a hot statement whose plan does not depend on its values
 * (issue 21: the inbox page's statement took longer to plan, 0.24 ms, than to run, 0.2 ms).
 * Bounded: the texts are a program's own, a few.
 */
const preparedNames = new Map<string, string>();

/**
 * Marks `text` to be kept prepared on each PostgreSQL connection (see `preparedNames`);
 * returns it. The embedded database parses every statement in process: nothing changes there.
 */
export function keepPrepared(text: string): string {
  if (!preparedNames.has(text) && preparedNames.size < 100) {
    preparedNames.set(text, `qyzmet_${preparedNames.size + 1}`);
  }
  return text;
}

type QueryMethod = (this: pg.Client, ...args: unknown[]) => unknown;
const plainQuery = pg.Client.prototype.query as QueryMethod;

/**
 * The pool's connections: a text marked by {@link keepPrepared}, given as the query builder
 * gives it (text and values), is sent as a named statement. A schema change that alters its
 * result columns makes the server refuse the prepared statement before running it (SQLSTATE
 * 0A000, "cached plan must not change result type"): the connection then drops it and
 * prepares it again, once.
 */
class PreparingClient extends pg.Client {}
PreparingClient.prototype.query = function query(this: pg.Client, ...args: unknown[]) {
  const [text, values, callback] = args;
  const name = typeof text === 'string' && callback === undefined && preparedNames.get(text);
  if (!name) return plainQuery.apply(this, args);
  const run = () => plainQuery.call(this, { name, text, values }) as Promise<unknown>;
  return run().catch(async (error: unknown) => {
    if ((error as { code?: string }).code !== '0A000') throw error;
    await plainQuery.call(this, `deallocate "${name}"`);
    const { connection } = this as unknown as { connection: { parsedStatements: object } };
    delete (connection.parsedStatements as Record<string, unknown>)[name];
    return run();
  });
} as typeof pg.Client.prototype.query;

/** What the caller may learn about the connections while the database is open. */
export interface DatabaseOpenOptions {
  /**
   * A connection to the PostgreSQL server was lost (server restart, network): called once per
   * broken connection. The query that was using it fails with an error that
   * `isDatabaseUnavailable` recognises; the pool opens a new connection for the next one.
   */
  onConnectionLost?: (error: Error) => void;
}

/** Opens the configured database and checks that it answers. */
export async function openDatabase(
  database: Config['database'],
  options: DatabaseOpenOptions = {},
): Promise<DatabaseHandle> {
  return database.kind === 'postgres'
    ? openPostgres(database.url, database.poolSize, options)
    : openPGlite(database.dataDir);
}

async function openPostgres(
  url: string,
  poolSize: number,
  options: DatabaseOpenOptions,
): Promise<DatabaseHandle> {
  const parsed = new URL(url);
  const location = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === OID.int8) return (value: string) => Number(value);
        if (oid === OID.date) return keepText;
        if (oid === OID.timestamptz && format !== 'binary') return parseTimestamptz;
        return pg.types.getTypeParser(oid, format);
      },
    } as pg.CustomTypesConfig,
  });
  // A client that loses its server emits 'error'; an 'error' event without a listener ends
  // the process. The pool listens only while a client is idle, so a server restart while a
  // client is checked out (a transaction between statements, a query just finished) killed
  // the server. Every client gets its own listener for its whole life; the pool drops a
  // broken client when it is released (it is no longer queryable).
  const lost = new WeakSet<pg.ClientBase>();
  const reportLost = (client: pg.ClientBase, error: Error) => {
    if (lost.has(client)) return;
    lost.add(client);
    options.onConnectionLost?.(error);
  };
  pool.on('connect', (client) => client.on('error', (error) => reportLost(client, error)));
  pool.on('error', (error, client) => reportLost(client, error));
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
    connections: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: () => db.destroy(),
  };
}

/**
 * PostgreSQL settings of the embedded database. `shared_buffers`: PGlite's default is 160 MB of
 * its WebAssembly memory, which the server touches and keeps (RSS); the demo's whole database is
 * ≈ 40 MB, and a page missing from the buffers is read from the operating system's file cache.
 * 32 MB takes ≈ 120 MB off the embedded server's memory (issue 21, docs/performance.md).
 */
const pgliteSettings = ['shared_buffers=32MB'];

/**
 * Opens PGlite in `dataDir`, or in memory when `dataDir` is `memory://`.
 * A lock file keeps a second process from opening the same directory, which would corrupt it.
 */
export async function openPGlite(
  dataDir: string,
  options: {
    /** The empty cluster a fresh directory is copied from; null runs `initdb` instead. */
    template?: string | null;
  } = {},
): Promise<DatabaseHandle> {
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
  // A directory without PG_VERSION gets its cluster now: a copy of the installation's empty
  // cluster (`pglite-template.ts`), or else PGlite runs `initdb` (a second WebAssembly module)
  // before it starts.
  let initdb = !inMemory && !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (initdb && options.template !== null) {
    try {
      initdb = !copyEmbeddedTemplate(dataDir, options.template);
    } catch {
      // A copy that failed half-way has no PG_VERSION: `initdb` writes over it.
    }
  }
  let pglite: PGlite;
  try {
    // A database in memory (the tests) loads the installation's empty cluster when there is
    // one (`pglite-template.ts`) instead of running `initdb`.
    const tarball =
      inMemory && options.template !== null
        ? readEmbeddedTemplateTarball(options.template)
        : undefined;
    pglite = await PGlite.create(inMemory ? undefined : dataDir, {
      ...(tarball ? { loadDataDir: tarball } : {}),
      parsers: { [OID.date]: keepText, [OID.bytea]: parseByteaHex },
      serializers: { [OID.bytea]: byteaParameter },
      startParams: [...PGlite.defaultStartParams, ...pgliteSettings.flatMap((s) => ['-c', s])],
    });
  } catch (error) {
    releaseLock();
    throw new DatabaseOpenError('DATA_DIR', `cannot open ${dataDir}: ${describe(error)}`);
  }
  // `initdb`'s module leaves ≈ 250–430 MB (its WebAssembly memory, 224 MB, and what was made
  // for it) that nothing references any more; measured, it was still held after the whole demo
  // seed (issue 21, docs/performance.md). One full collection after a fresh `initdb` frees it.
  if (initdb) await collectGarbageSoon();
  const db = new Kysely<Tables>({ dialect: new PGliteDialect(pglite) });
  await sql`select 1`.execute(db);
  return {
    db,
    kind: 'pglite',
    location: inMemory ? 'memory' : dataDir,
    connections: () => undefined,
    close: async () => {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

/**
 * SQLSTATE codes that mean "the server is not there right now", not "this statement is
 * wrong": class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up / shutting down), 53300 too_many_connections.
 */
const unavailableStates = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** Socket errors of the driver while connecting or talking to the server. */
const unavailableErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** Messages of node-postgres (and PGlite once closed) for a connection that is gone. */
const unavailableMessages = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
  'PGlite is closed',
];

/**
 * Whether `error` says the database cannot be reached now (a restart, a lost connection, a
 * server that is starting): repeating the request later may succeed. The HTTP edge answers
 * these 503 with Retry-After instead of 500; jobs log them and run the round again.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  if (
    error instanceof AggregateError &&
    error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))
  )
    return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (unavailableStates.test(code) || unavailableErrnos.has(code)))
    return true;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && unavailableMessages.some((known) => message.startsWith(known)))
    return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * Whether PostgreSQL refused a value (SQLSTATE class 22, data exception: text that is not a
 * uuid, a NUL byte, a number out of range, a string too long for its column). The statement
 * changed nothing; the edge reports the request as invalid instead of as a server fault.
 */
export function isRefusedValue(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
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
