/** A throwaway PostgreSQL cluster (see postgres-cluster.mjs). */
export interface PostgresCluster {
  url: string;
  port: number;
  directory: string;
  bin: string;
  version: string;
  stop(): void;
}
export function startPostgresCluster(options?: {
  settings?: Record<string, string | number>;
  quiet?: boolean;
}): Promise<PostgresCluster>;
