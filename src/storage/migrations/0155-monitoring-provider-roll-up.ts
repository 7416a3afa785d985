import { sql, type Kysely } from 'kysely';

/**
 * The region overview's two reads, made cheap (issue 20, docs/monitoring.md, "Profile of the
 * overview"): with a million applications EXPLAIN (ANALYZE, BUFFERS) showed the quarter's sum
 * fetching 31,800 rows of `monitoring_count` from 32,300 heap pages (one page per row: the job's
 * upserts scatter a period's rows over the table) and summing them twice, and "overdue now"
 * fetching its 5,400 applications from 5,300 heap pages.
 *
 * - `monitoring_provider_count`: the summary without the service — the rows of
 *   `monitoring_count` summed over `service_code`, maintained by the `monitoring` job in the
 *   same transaction as the rows it sums (`saveMonitoringRound`), so the two agree exactly.
 *   The region's and a district's views read it (a third of the rows with three services;
 *   fewer still where a provider gives many). Its primary key carries `count` (INCLUDE), so a
 *   period is an index-only scan of one key range; frequent autovacuum keeps the visibility
 *   map current for it (the table is small next to `application`).
 * - `application_overdue_now_idx`: the open applications counted as "overdue now" (not
 *   suspended, not sandbox), by region and due, carrying provider, service and channel: the
 *   count is an index-only scan of the region's range. One more index entry per write of an
 *   open application.
 *
 * The roll-up is filled from the existing summary here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table monitoring_provider_count (
      grain text not null check (grain in ('day', 'month', 'quarter', 'year')),
      region_code text not null,
      period_start date not null,
      provider_organisation_id text not null,
      channel text not null,
      measure text not null,
      detail text not null default '',
      count integer not null,
      constraint monitoring_provider_count_pkey primary key (grain, region_code, period_start,
        provider_organisation_id, channel, measure, detail) include (count)
    ) with (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
      autovacuum_analyze_scale_factor = 0.05);

    insert into monitoring_provider_count (grain, region_code, period_start,
      provider_organisation_id, channel, measure, detail, count)
    select grain, region_code, period_start, provider_organisation_id, channel, measure, detail,
      sum(count)
    from monitoring_count
    group by grain, region_code, period_start, provider_organisation_id, channel, measure, detail;

    create index application_overdue_now_idx on application (region_code, due_at)
      include (provider_organisation_id, service_code, channel)
      where ended_at is null and clock_offset_ms is null and status <> 'suspended';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index application_overdue_now_idx;
    drop table monitoring_provider_count;
  `.execute(db);
}
