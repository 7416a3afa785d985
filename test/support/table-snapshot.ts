import { sql } from 'kysely';
import type { Database } from '../../src/storage/db.js';

/**
 * Tables that a refused request may legitimately write: its own rate-limit and sign-in
 * throttle counters, and the registry call log (a failed registry call is recorded).
 */
export const bookkeepingTables = ['rate_limit', 'login_throttle', 'gateway_call'] as const;

/** Row count and a hash of the rows of every table in the public schema. */
export type TableSnapshot = Record<string, { rows: number; hash: string }>;

/**
 * A fingerprint of every table (row count and an MD5 of its rows in a stable order), so that
 * a test can show that a refused request changed nothing. `except` leaves tables out.
 */
export async function snapshotTables(
  db: Database,
  except: readonly string[] = bookkeepingTables,
): Promise<TableSnapshot> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const names = tables.rows.map((row) => row.name).filter((name) => !except.includes(name));
  if (names.length === 0) return {};
  // One statement for all tables: a snapshot per request stays cheap.
  const query = names
    .map(
      (name) =>
        `select '${name}' as name, count(*) as rows, ` +
        `md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash from "${name}" t`,
    )
    .join(' union all ');
  const result = await sql<{ name: string; rows: string | number; hash: string | null }>`${sql.raw(
    query,
  )}`.execute(db);
  const snapshot: TableSnapshot = {};
  for (const row of result.rows)
    snapshot[row.name] = { rows: Number(row.rows), hash: row.hash ?? '' };
  return snapshot;
}

/** The tables whose count or content differs between two snapshots. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter(
      (name) =>
        before[name]?.rows !== after[name]?.rows || before[name]?.hash !== after[name]?.hash,
    )
    .sort();
}
