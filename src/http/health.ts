import { Hono } from 'hono';
import { sql } from 'kysely';
import { readMigrationState } from '../storage/migrator.js';
import type { AppEnv } from './app-env.js';

/**
 * `GET /health`: the database backend, whether it answers, the migration state, and the
 * regulation definitions: a definition file with errors is left out at start and named here
 * (status `degraded`, still 200: every other service runs), so an operator's monitor sees it.
 */
export function healthRoutes() {
  const routes = new Hono<AppEnv>();
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
      await sql`select 1`.execute(database.db);
      const migrations = await readMigrationState(database.db);
      const ready = migrations.pending.length === 0;
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
