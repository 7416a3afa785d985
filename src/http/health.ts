import { Hono } from 'hono';
import { sql } from 'kysely';
import { readMigrationState } from '../storage/migrator.js';
import type { AppEnv } from './app-env.js';

/** `GET /health`: the database backend, whether it answers, and the migration state. */
export function healthRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/health', async (c) => {
    const { database } = c.get('deps');
    try {
      await sql`select 1`.execute(database.db);
      const migrations = await readMigrationState(database.db);
      const ready = migrations.pending.length === 0;
      return c.json(
        {
          status: ready ? 'ok' : 'migrations_pending',
          database: database.kind,
          migrations: {
            applied: migrations.applied.length,
            pending: migrations.pending,
            latest: migrations.latest ?? null,
          },
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
