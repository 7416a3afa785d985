import { sql, type Kysely } from 'kysely';

/**
 * Quarter and year rows in the summary table (issue 20, docs/monitoring.md): a quarter's view
 * summed its three months' rows, a year's twelve; with a million applications a region's
 * quarter was 80,000 rows to sum and its year 330,000, and the overview missed its 100 ms. The
 * `monitoring` job now adds each delta to the day, month, quarter and year rows of its day, and
 * a period is answered by the rows of its own kind. The existing months are summed into their
 * quarters and years here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table monitoring_count drop constraint monitoring_count_grain_check;
    alter table monitoring_count add constraint monitoring_count_grain_check
      check (grain in ('day', 'month', 'quarter', 'year'));
    insert into monitoring_count (grain, region_code, period_start, provider_organisation_id,
      service_code, channel, measure, detail, count)
    select grain, region_code, period_start, provider_organisation_id, service_code, channel,
      measure, detail, sum(count)
    from (
      select 'quarter' as grain, date_trunc('quarter', period_start)::date as period_start,
        region_code, provider_organisation_id, service_code, channel, measure, detail, count
      from monitoring_count where grain = 'month'
      union all
      select 'year', date_trunc('year', period_start)::date, region_code,
        provider_organisation_id, service_code, channel, measure, detail, count
      from monitoring_count where grain = 'month'
    ) as months
    group by grain, region_code, period_start, provider_organisation_id, service_code, channel,
      measure, detail;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from monitoring_count where grain in ('quarter', 'year');
    alter table monitoring_count drop constraint monitoring_count_grain_check;
    alter table monitoring_count add constraint monitoring_count_grain_check
      check (grain in ('day', 'month'));
  `.execute(db);
}
