import { sql } from 'kysely';
import type { Database } from './db.js';

export interface InstanceRow {
  installationId: string;
  createdAt: Date;
  startedCount: number;
  lastStartedAt: Date;
  /** When this installation first started as a sandbox (docs/sandbox.md); null if never. */
  sandboxSince: Date | null;
}

/**
 * Records a start of this installation (creating its identity on the first) and returns it. A
 * sandbox start marks the installation as holding sandbox data for good (`sandboxSince`).
 */
export async function recordStart(
  db: Database,
  now: Date,
  options: { sandbox?: boolean } = {},
): Promise<InstanceRow> {
  const sandboxSince = options.sandbox ? now : null;
  const row = await db
    .insertInto('instance')
    .values({ id: 1, started_count: 1, last_started_at: now, sandbox_since: sandboxSince } as never)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({
        started_count: sql`instance.started_count + 1`,
        last_started_at: now,
        sandbox_since: sql`coalesce(instance.sandbox_since, ${sandboxSince}::timestamptz)`,
      }),
    )
    .returning([
      'installation_id',
      'created_at',
      'started_count',
      'last_started_at',
      'sandbox_since',
    ])
    .executeTakeFirstOrThrow();
  return {
    installationId: row.installation_id,
    createdAt: row.created_at,
    startedCount: row.started_count,
    lastStartedAt: row.last_started_at,
    sandboxSince: row.sandbox_since,
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
      sandboxSince: row.sandbox_since,
    }
  );
}

/**
 * Whether the database holds sandbox data (docs/sandbox.md): it was ever started as a sandbox
 * installation, or holds an application made "as of" a past date. Two index lookups.
 */
export async function holdsSandboxData(db: Database): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from instance where sandbox_since is not null)
        or exists (select 1 from application where clock_offset_ms is not null) as found
  `.execute(db);
  return rows[0]?.found === true;
}
