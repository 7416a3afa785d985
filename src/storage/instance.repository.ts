import { sql } from 'kysely';
import type { Database } from './db.js';

export interface InstanceRow {
  installationId: string;
  createdAt: Date;
  startedCount: number;
  lastStartedAt: Date;
}

/** Records a start of this installation (creating its identity on the first) and returns it. */
export async function recordStart(db: Database, now: Date): Promise<InstanceRow> {
  const row = await db
    .insertInto('instance')
    .values({ id: 1, started_count: 1, last_started_at: now } as never)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({
        started_count: sql`instance.started_count + 1`,
        last_started_at: now,
      }),
    )
    .returning(['installation_id', 'created_at', 'started_count', 'last_started_at'])
    .executeTakeFirstOrThrow();
  return {
    installationId: row.installation_id,
    createdAt: row.created_at,
    startedCount: row.started_count,
    lastStartedAt: row.last_started_at,
  };
}

/** This installation's identity, or undefined before the first start. */
export async function findInstance(db: Database): Promise<InstanceRow | undefined> {
  const row = await db.selectFrom('instance').selectAll().executeTakeFirst();
  return (
    row && {
      installationId: row.installation_id,
      createdAt: row.created_at,
      startedCount: row.started_count,
      lastStartedAt: row.last_started_at,
    }
  );
}
