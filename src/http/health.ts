import { Hono } from 'hono';
import { sql } from 'kysely';
import { readMigrationState, type MigrationState } from '../storage/migrator.js';
import type { AppEnv } from './app-env.js';

/**
 * `GET /health`: the database backend, whether it answers, the migration state, and the
 * regulation definitions: a definition file with errors is left out at start and named here
 * (status `degraded`, still 200: every other service runs), so an operator's monitor sees it.
 */
export function healthRoutes() {
  const routes = new Hono<AppEnv>();
  // Once every migration this code knows is applied, the state cannot change for this process
  // (migrations are only ever added, and `applied` counts only the ones this code knows): it is
  // read once, and each check after that costs one round trip, `select 1` (issue 21).
  let settled: MigrationState | undefined;
  // Checks that arrive while one is on its way to the database wait for that one's answer
  // instead of queuing their own (single flight): every answer is still a round trip that
  // finished after the request came, and a monitor polling hard cannot fill the pool. The
  // embedded database answers within the turn of the event loop, so no check ever found one in
  // flight and each paid its own `select 1` (a third of the CPU of `/health` under load, issue
  // 21): there the round trip starts at the end of the turn (`setImmediate`), and the checks
  // that arrived in the same turn share it. A PostgreSQL round trip is on its way long enough.
  let inFlight: Promise<unknown> | undefined;
  const ping = ({ db, kind }: { db: Parameters<typeof readMigrationState>[0]; kind: string }) => {
    inFlight ??= (
      kind === 'pglite'
        ? new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
            sql`select 1`.execute(db),
          )
        : sql`select 1`.execute(db)
    ).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  routes.get('/health', async (c) => {
    const { database, applications } = c.get('deps');
    const { all, broken } = applications.regulations;
    const regulations = {
      running: all.length,
      broken: broken.map((file) => ({
        file: file.file,
        ...(file.regulationId ? { regulationId: file.regulationId } : {}),
        errors: file.errors,
      })),
    };
    try {
      await ping(database);
      const migrations = settled ?? (await readMigrationState(database.db));
      const ready = migrations.pending.length === 0;
      if (ready) settled = migrations;
      return c.json(
        {
          status: !ready ? 'migrations_pending' : broken.length > 0 ? 'degraded' : 'ok',
          database: database.kind,
          migrations: {
            applied: migrations.applied.length,
            pending: migrations.pending,
            latest: migrations.latest ?? null,
          },
          regulations,
        },
        ready ? 200 : 503,
      );
    } catch (error) {
      c.get('logger').error({ err: error }, 'health check failed');
      return c.json({ status: 'database_unavailable', database: database.kind }, 503);
    }
  });
  return routes;
}
