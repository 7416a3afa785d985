import { sql, type Kysely } from 'kysely';

/**
 * Quality indicators (issue 20, docs/monitoring.md). The summary table `monitoring_count` is
 * maintained by the worker's `monitoring` job from the engine's records, never by the writers:
 *
 * - `monitoring_dirty`: a trigger on `application` (insert, or a new version) and on
 *   `deadline_marker` (the deadline watch marked a due passed) appends the application's id.
 *   The only cost a submit or a command pays is this one small insert in its own statement.
 *   Rows commit with the write that made them, so the job never misses one (a time watermark
 *   would: writers commit out of order, and sandbox applications run on shifted clocks).
 * - `monitoring_application`: what each application contributed last time (jsonb), so that the
 *   job subtracts the old contribution and adds the new one.
 * - `monitoring_count`: summed counts by grain (day, month), region, period start, provider,
 *   service, channel, measure and detail. Reads sum a range of it; they never scan applications.
 *
 * Existing applications are marked dirty here so the first rounds count them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table monitoring_dirty (
      id bigint generated always as identity primary key,
      application_id uuid not null
    );

    create table monitoring_application (
      application_id uuid primary key,
      version integer not null,
      region_code text not null,
      provider_organisation_id text not null,
      service_code text not null,
      channel text not null,
      contributions jsonb not null,
      computed_at timestamptz not null
    );
    create index monitoring_application_provider_idx
      on monitoring_application (provider_organisation_id, service_code);

    create table monitoring_count (
      grain text not null check (grain in ('day', 'month')),
      region_code text not null,
      period_start date not null,
      provider_organisation_id text not null,
      service_code text not null,
      channel text not null,
      measure text not null,
      detail text not null default '',
      count integer not null,
      primary key (grain, region_code, period_start, provider_organisation_id, service_code,
        channel, measure, detail)
    );

    create function monitoring_mark_application() returns trigger language plpgsql as $$
    begin
      insert into monitoring_dirty (application_id) values (new.id);
      return null;
    end
    $$;
    create trigger application_monitoring_dirty after insert or update of version on application
      for each row execute function monitoring_mark_application();

    create function monitoring_mark_deadline() returns trigger language plpgsql as $$
    begin
      if new.kind = 'overdue' then
        insert into monitoring_dirty (application_id) values (new.application_id);
      end if;
      return null;
    end
    $$;
    create trigger deadline_marker_monitoring_dirty after insert on deadline_marker
      for each row execute function monitoring_mark_deadline();

    insert into monitoring_dirty (application_id) select id from application order by submitted_at;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger deadline_marker_monitoring_dirty on deadline_marker;
    drop trigger application_monitoring_dirty on application;
    drop function monitoring_mark_deadline();
    drop function monitoring_mark_application();
    drop table monitoring_count;
    drop table monitoring_application;
    drop table monitoring_dirty;
  `.execute(db);
}
