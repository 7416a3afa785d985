import { sql } from 'kysely';
import type { Database } from '../../src/storage/db.js';

export const seedRegion = 'kostanay';
export const seedZone = 'Asia/Qostanay';
const REGION = seedRegion;
const ZONE = seedZone;
const DISTRICTS = 20;
const SCHOOLS_PER_DISTRICT = 25;
const ARCHIVES = 5;
export const seedProviders = DISTRICTS * SCHOOLS_PER_DISTRICT + ARCHIVES;
const PROVIDERS = seedProviders;

/**
 * Writes `ROWS` applications of one region and the summary table (and its roll-up without the
 * service) the `monitoring` job would have made of them (see bench/monitoring-overview.bench.ts): organisations `kos-akimat`,
 * districts `kos-d-N` and providers `kos-p-N`, in a migrated database.
 */
export async function seedMonitoring(db: Database, ROWS: number): Promise<void> {
  // The region's tree: the akimat, its districts with their schools, the regional archives.
  await sql`
    insert into organisation (id, kind, name_kk, name_ru, parent_id, region_code, schedule_kind,
      time_zone, source, created_at, updated_at)
    values ('kos-akimat', 'region_akimat', 'Облыс әкімдігі', 'Акимат области', null, ${REGION},
      'provider_office', ${ZONE}, 'bench', now(), now())`.execute(db);
  await sql`
    insert into organisation (id, kind, name_kk, name_ru, parent_id, region_code, schedule_kind,
      time_zone, source, created_at, updated_at)
    select 'kos-d-' || d, 'district_akimat', d || ' аудан әкімдігі', 'Акимат района ' || d,
      'kos-akimat', ${REGION}, 'provider_office', ${ZONE}, 'bench', now(), now()
    from generate_series(0, ${DISTRICTS - 1}) as d`.execute(db);
  await sql`
    insert into organisation (id, kind, name_kk, name_ru, parent_id, region_code, schedule_kind,
      time_zone, source, created_at, updated_at)
    select 'kos-p-' || p,
      case when p < ${DISTRICTS * SCHOOLS_PER_DISTRICT} then 'school' else 'archive' end,
      p || ' ұйым', 'Организация ' || p,
      case when p < ${DISTRICTS * SCHOOLS_PER_DISTRICT} then 'kos-d-' || (p % ${DISTRICTS})
        else 'kos-akimat' end,
      ${REGION}, 'provider_office', ${ZONE}, 'bench', now(), now()
    from generate_series(0, ${PROVIDERS - 1}) as p`.execute(db);

  // One row of facts per application, from which both the projection and the counts are written.
  // Days are the provider's local dates; a refusal at intake ends within the hour, the others
  // end 0–9 days after submission (the term is 7 days: 15 % end late), an application whose end
  // would be in the future is still open, and 1 in 200 hangs open past its term.
  await sql`
    create unlogged table bench_fact as
    with base as (
      select i,
        (i::bigint * 7919 % ${PROVIDERS})::int as p,
        (array['duplicates', 'extern-permission', 'school-admission'])[1 + (i / 7) % 3] as service,
        (array['portal', 'portal', 'portal', 'portal', 'portal', 'portal', 'portal',
          'front_office', 'front_office', 'provider_office'])[1 + i % 10] as channel,
        (date_trunc('day', now() at time zone ${ZONE}) - (1 + i % 365) * interval '1 day'
          + interval '9 hours' + (i % 480) * interval '1 minute') at time zone ${ZONE}
          as submitted_at,
        (i * 31) % 100 as r,
        case when (i * 13) % 20 < 17 then (i * 13) % 6 else 7 + (i * 13) % 3 end as days
      from generate_series(1, ${ROWS}) as i
    ), timed as (
      select *, submitted_at + interval '7 days' as due_at,
        case when r < 4 then submitted_at + interval '1 hour'
          else submitted_at + days * interval '1 day' + interval '2 hours' end as end_at,
        r < 4 as intake_refused, r >= 4 and r < 8 as reasoned_refusal,
        (i * 31) % 200 = 199 and r >= 8 as hangs
      from base
    )
    select i, p, service, channel, submitted_at, due_at, r, days, intake_refused,
      reasoned_refusal,
      case when hangs or end_at > now() then null else end_at end as ended_at
    from timed`.execute(db);

  // The projection, as the engine writes it (the marking trigger off: the counts below are
  // what the job would have made of these rows).
  await sql`alter table application disable trigger application_monitoring_dirty`.execute(db);
  await sql`
    insert into application (id, number, regulation_id, service_code, region_code, channel,
      applicant_iin, provider_organisation_id, holder_organisation_id, status, current_step_id,
      current_actor, submitted_at, step_due_at, due_at, ended_at, version, updated_at)
    select gen_random_uuid(), '2026-' || lpad(i::text, 7, '0'),
      'kostanay.' || service || '.2018-12-21', service, ${REGION}, channel,
      lpad((900101300000 + i % 100000)::text, 12, '0'), 'kos-p-' || p, 'kos-p-' || p,
      case when ended_at is not null then 'completed' else 'in_work' end,
      case when ended_at is null then 'review' end,
      case when ended_at is null then 'executor' end,
      submitted_at, case when ended_at is null then due_at - interval '1 day' end, due_at,
      ended_at, 6, coalesce(ended_at, submitted_at)
    from bench_fact`.execute(db);
  await sql`alter table application enable trigger application_monitoring_dirty`.execute(db);

  // What each application contributes (contributionsOf), one row per count, by local day.
  await sql`
    create unlogged table bench_contribution as
    with f as (
      select *, (i * 17) % 20 as q from bench_fact
    ), c as (
      select p, service, channel, submitted_at as at, 'received' as measure, '' as detail from f
      union all
      select p, service, channel, ended_at, 'intake_refused', 'documents_complete' from f
        where ended_at is not null and intake_refused
      union all
      select p, service, channel, ended_at, m, '' from f,
        unnest(array['completed']
          || case when ended_at <= due_at then array['completed_on_time'] else array[]::text[] end) m
        where ended_at is not null and not intake_refused
      union all
      select p, service, channel, ended_at, 'reasoned_refusal', 'decision_positive' from f
        where ended_at is not null and reasoned_refusal
      union all
      select p, service, channel, ended_at, 'duration_share',
        (floor(extract(epoch from ended_at - submitted_at) * 100
          / extract(epoch from due_at - submitted_at)))::int::text from f
        where ended_at is not null and not intake_refused
      union all
      select p, service, channel, due_at, 'term_violated',
        'kostanay.' || service || '.2018-12-21|review|executor' from f
        where not intake_refused and (ended_at > due_at or (ended_at is null and due_at < now()))
      union all
      select p, service, channel, due_at - interval '1 day', 'step_overdue',
        'kostanay.' || service || '.2018-12-21|review|executor'
        from f where not intake_refused
          and (ended_at > due_at - interval '1 day'
            or (ended_at is null and due_at - interval '1 day' < now()))
      union all
      select p, service, channel, submitted_at + interval '3 days', 'extended', '' from f
        where i % 50 = 0 and not intake_refused and submitted_at + interval '3 days' < now()
          and (ended_at is null or ended_at > submitted_at + interval '3 days')
      union all
      select p, service, channel, submitted_at + interval '2 days', 'suspended', '' from f
        where i % 97 = 0 and not intake_refused and submitted_at + interval '2 days' < now()
          and (ended_at is null or ended_at > submitted_at + interval '2 days')
      union all
      select p, service, channel, ended_at + interval '2 days', 'appealed', '' from f
        where i % 5 = 0 and (intake_refused or reasoned_refusal)
          and ended_at + interval '2 days' < now()
      union all
      select p, service, channel, ended_at + interval '5 days', 'appeal_upheld', '' from f
        where i % 10 = 0 and (intake_refused or reasoned_refusal)
          and ended_at + interval '5 days' < now()
      union all
      select p, service, channel, ended_at + interval '1 hour', m,
        case when q < 17 then 'satisfied' when q < 19 then 'partially_satisfied'
          else 'not_satisfied' end
        from f, unnest(array['questionnaire_process', 'questionnaire_information']) m
        where i % 3 = 0 and ended_at is not null and not intake_refused
          and ended_at + interval '1 hour' < now()
    )
    select p, service, channel, (at at time zone ${ZONE})::date as day, measure, detail from c`.execute(
    db,
  );
  for (const grain of ['day', 'month', 'quarter', 'year'] as const) {
    const start = grain === 'day' ? sql`day` : sql`date_trunc(${grain}, day)::date`;
    await sql`
      insert into monitoring_count (grain, region_code, period_start, provider_organisation_id,
        service_code, channel, measure, detail, count)
      select ${grain}, ${REGION}, ${start}, 'kos-p-' || p, service, channel, measure, detail,
        count(*)
      from bench_contribution
      group by 3, 4, 5, 6, 7, 8`.execute(db);
  }
  // The roll-up without the service, as the job keeps it beside the rows it sums (0155).
  await sql`
    insert into monitoring_provider_count (grain, region_code, period_start,
      provider_organisation_id, channel, measure, detail, count)
    select grain, region_code, period_start, provider_organisation_id, channel, measure, detail,
      sum(count)
    from monitoring_count
    group by grain, region_code, period_start, provider_organisation_id, channel, measure,
      detail`.execute(db);
  await sql`analyze application`.execute(db);
  await sql`analyze monitoring_count`.execute(db);
  await sql`analyze monitoring_provider_count`.execute(db);
  await sql`analyze organisation`.execute(db);
}
