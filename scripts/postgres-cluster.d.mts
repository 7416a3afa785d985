/** A throwaway PostgreSQL cluster (see postgres-cluster.mjs). */
export interface PostgresCluster {
  url: string;
  port: number;
  directory: string;
  bin: string;
  version: string;
  stop(): void;
  /** `pg_ctl stop -m fast`, a pause of `downMs`, then start again on the same port. */
  restart(options?: { downMs?: number }): Promise<void>;
}
export function startPostgresCluster(options?: {
  settings?: Record<string, string | number>;
  quiet?: boolean;
}): Promise<PostgresCluster>;
