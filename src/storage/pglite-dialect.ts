import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely dialect for the embedded PGlite database.
 *
 * PGlite is a single in-process connection, so the driver hands it to one caller at a
 * time: a transaction holds it from BEGIN to COMMIT and other queries wait their turn.
 * Queries without parameters go through `exec` (the simple protocol) so that migration
 * scripts with several statements run as they do on a PostgreSQL server.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;

  constructor(pglite: PGlite) {
    this.connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    // A query on the root database inside a transaction would wait for itself forever:
    // fail loudly instead of hanging (pass the transaction down to such code).
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(PGliteDriver.waitMessage)),
        PGliteDriver.maximumWaitMs,
      );
      timer.unref();
    });
    try {
      await Promise.race([previous, stuck]);
    } catch (error) {
      // Keep the queue consistent: this slot frees itself when its predecessor does.
      void previous.then(release);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    // PGlite answers without any I/O, so a chain of queries (a job round, the seed) runs in
    // microtasks only and the event loop never reaches the sockets: the first `/health` waited
    // for the worker's whole first round (issue 21). Holding its turn, a caller lets the event
    // loop take new requests (which queue behind it) once this thread has run queries for
    // `yieldEveryMs`; a transaction acquires once, so it is never interrupted.
    if (performance.now() - this.lastYield >= PGliteDriver.yieldEveryMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastYield = performance.now();
    }
    this.connection.release = release;
    return this.connection;
  }

  private lastYield = performance.now();
  /** How long queries may run back to back before the event loop gets a turn. */
  static yieldEveryMs = 20;

  /** How long a query waits for the single connection before it is reported as stuck. */
  static maximumWaitMs = 20_000;
  static readonly waitMessage =
    'the embedded database waited too long for its connection: is a query using the root database inside a transaction? Pass the transaction instead.';

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release?.();
  }

  async destroy(): Promise<void> {
    await this.queue;
  }
}

class PGliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (compiledQuery.parameters.length === 0) {
      const results = await this.pglite.exec(compiledQuery.sql);
      const last = results[results.length - 1];
      return {
        rows: (last?.rows ?? []) as R[],
        numAffectedRows: last?.affectedRows !== undefined ? BigInt(last.affectedRows) : undefined,
      };
    }
    const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined,
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database');
  }
}
