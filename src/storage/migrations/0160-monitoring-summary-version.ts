import { sql, type Kysely } from 'kysely';

/**
 * The summary's version (issue 20, docs/monitoring.md, "The overview's memo"): one row whose
 * `round` the `monitoring` job increments in the same transaction as it moves
 * `monitoring_count` and `monitoring_provider_count` (`saveMonitoringRound`). A server keeps the
 * sums of a view in memory under the version it read before summing; a view reads the version
 * (one row by its primary key) and reuses the sums only while it is unchanged — so a round
 * saved by a worker on another node is seen by every server on its next view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table monitoring_summary_version (
      id boolean primary key default true check (id),
      round bigint not null
    );
    insert into monitoring_summary_version (id, round) values (true, 0);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table monitoring_summary_version`.execute(db);
}
