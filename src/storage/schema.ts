import type { ColumnType, Generated } from 'kysely';

/**
 * The database tables as Kysely sees them. Row types stay in `storage/`;
 * features map them to domain types.
 */
export interface Tables {
  instance: InstanceTable;
}

/** One row: this installation's identity, written on first start. */
export interface InstanceTable {
  id: Generated<number>;
  installation_id: Generated<string>;
  created_at: ColumnType<Date, never, never>;
  started_count: ColumnType<number, number | undefined, number>;
  last_started_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
