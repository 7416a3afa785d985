import type { Grain } from '../domain/monitoring/period.js';
import { slotDetail } from '../domain/monitoring/slot.js';
import { sql } from 'kysely';
import type { Database } from './db.js';

/**
 * Organisations spell regions with underscores or hyphens (`north_region`, `north-region`),
 * regulation folders with hyphens: a region filter matches both.
 */
function regionSpellings(code: string): string[] {
  return [...new Set([code, code.replaceAll('_', '-'), code.replaceAll('-', '_')])];
}

/** Which slice of the summary table a read sums. */
export interface CountFilter {
  readonly grain: Grain;
  /** First period start (inclusive) and the day after the last (exclusive), YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  readonly regionCode?: string;
  readonly providerIds?: readonly string[];
  readonly serviceCode?: string;
  readonly channel?: string;
  /**
   * Whether the rows keep the service apart (default). A view whose rows are districts or
   * providers sums the services together in the database: a region's quarter is then a few
   * thousand rows for the server to fold instead of one per service as well.
   */
  readonly byService?: boolean;
  /**
   * Sums the providers of each group together in the database, the row carrying the group's key
   * in `providerOrganisationId` (a district for the region's view); providers outside the map
   * stay rows of their own.
   */
  readonly groupProviders?: ReadonlyMap<string, string>;
}

/** A summed count, with the dimensions the read grouped by. */
export interface SummedCount {
  readonly regionCode: string;
  readonly providerOrganisationId: string;
  readonly serviceCode: string;
  readonly channel: string;
  readonly measure: string;
  readonly detail: string;
  readonly count: number;
}

/**
 * Sums the summary over a period range by region, provider, service (unless `byService` is
 * false: then `serviceCode` is '' in every row), channel, measure and detail: one range of the
 * primary key per region (grain, region, period start). The rows are as many as the slice has
 * combinations, not applications.
 *
 * Without the service (and no service filter) it reads `monitoring_provider_count`, the
 * summary already summed over the services (migration 0155): an index-only range of its key,
 * a third of the rows or fewer. With `groupProviders` the providers are mapped to their groups
 * and summed in the same aggregation (one pass, docs/monitoring.md, "Profile of the overview").
 */
export async function sumCounts(db: Database, filter: CountFilter): Promise<SummedCount[]> {
  if (filter.providerIds && filter.providerIds.length === 0) return [];
  const byService = filter.byService ?? true;
  const rollUp = !byService && !filter.serviceCode;
  const table = rollUp ? sql.table('monitoring_provider_count') : sql.table('monitoring_count');
  const conditions = [
    sql`c.grain = ${filter.grain}`,
    sql`c.period_start >= ${filter.from}`,
    sql`c.period_start < ${filter.to}`,
  ];
  if (filter.regionCode) {
    const spellings = regionSpellings(filter.regionCode).map((code) => sql`${code}`);
    conditions.push(sql`c.region_code in (${sql.join(spellings)})`);
  }
  if (filter.providerIds) {
    const ids = filter.providerIds.map((id) => sql`${id}`);
    conditions.push(sql`c.provider_organisation_id in (${sql.join(ids)})`);
  }
  if (filter.serviceCode) conditions.push(sql`c.service_code = ${filter.serviceCode}`);
  if (filter.channel) conditions.push(sql`c.channel = ${filter.channel}`);
  const service = byService ? sql<string>`c.service_code` : sql<string>`''`;
  const provider = filter.groupProviders
    ? sql<string>`coalesce(g.key, c.provider_organisation_id)`
    : sql<string>`c.provider_organisation_id`;
  const groups = filter.groupProviders
    ? sql`left join jsonb_each_text(${JSON.stringify(Object.fromEntries(filter.groupProviders))}::jsonb)
        as g (provider, key) on g.provider = c.provider_organisation_id`
    : sql``;
  const { rows } = await sql<{
    region_code: string;
    provider_organisation_id: string;
    service_code: string;
    channel: string;
    measure: string;
    detail: string;
    total: string;
  }>`
    select c.region_code, ${provider} as provider_organisation_id, ${service} as service_code,
      c.channel, c.measure, c.detail, sum(c.count) as total
    from ${table} as c ${groups}
    where ${sql.join(conditions, sql` and `)}
    group by 1, 2, 3, 4, 5, 6`.execute(db);
  return rows
    .map((row) => ({
      regionCode: row.region_code,
      providerOrganisationId: row.provider_organisation_id,
      serviceCode: row.service_code,
      channel: row.channel,
      measure: row.measure,
      detail: row.detail,
      count: Number(row.total),
    }))
    .filter((row) => row.count !== 0);
}

/** Filter of the live reads (overdue now, the applications behind a number). */
export interface LiveFilter {
  readonly regionCode?: string;
  readonly providerIds?: readonly string[];
  readonly serviceCode?: string;
  readonly channel?: string;
}

/**
 * Applications open past their due now, by region, provider, service and channel: an
 * index-only range of the partial index `application_overdue_now_idx` (open, not suspended, not
 * sandbox; by region and due, carrying provider, service and channel — migration 0155).
 * Sandbox applications and suspended ones (their due moves on resumption) are left out; the
 * conditions are written as the index's predicate (a literal, not a parameter) so that the
 * planner can use it.
 */
export async function countOverdueNow(
  db: Database,
  filter: LiveFilter,
  now: Date,
): Promise<
  {
    regionCode: string;
    providerOrganisationId: string;
    serviceCode: string;
    channel: string;
    count: number;
  }[]
> {
  if (filter.providerIds && filter.providerIds.length === 0) return [];
  let query = db
    .selectFrom('application')
    .select([
      'region_code',
      'provider_organisation_id',
      'service_code',
      'channel',
      sql<string>`count(*)`.as('total'),
    ])
    .where('ended_at', 'is', null)
    .where('due_at', '<', now)
    .where('status', '<>', sql.lit('suspended'))
    .where('clock_offset_ms', 'is', null);
  if (filter.regionCode)
    query = query.where('region_code', 'in', regionSpellings(filter.regionCode));
  if (filter.providerIds) {
    query = query.where('provider_organisation_id', 'in', [...filter.providerIds]);
  }
  if (filter.serviceCode) query = query.where('service_code', '=', filter.serviceCode);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  const rows = await query
    .groupBy(['region_code', 'provider_organisation_id', 'service_code', 'channel'])
    .execute();
  return rows.map((row) => ({
    regionCode: row.region_code,
    providerOrganisationId: row.provider_organisation_id,
    serviceCode: row.service_code,
    channel: row.channel,
    count: Number(row.total),
  }));
}

/** An application behind a number: no personal data (number, service, provider, dates). */
export interface ApplicationBehind {
  readonly id: string;
  readonly number: string;
  readonly serviceCode: string;
  readonly providerOrganisationId: string;
  readonly channel: string;
  readonly status: string;
  readonly submittedAt: Date;
  readonly dueAt: Date;
  readonly endedAt: Date | null;
  /** The day the counted thing happened, and its detail (a step, a ground, an answer). */
  readonly day: string;
  readonly detail: string;
}

/**
 * The applications whose stored contribution has `measure` (and `detail`, when given) on a day
 * in [from, to), in the slice; by number, at most `limit` from `offset`.
 */
export async function listApplicationsBehind(
  db: Database,
  filter: LiveFilter & {
    measure: string;
    detail?: string;
    from: string;
    to: string;
    limit: number;
    offset: number;
  },
): Promise<ApplicationBehind[]> {
  if (filter.providerIds && filter.providerIds.length === 0) return [];
  let query = db
    .selectFrom('monitoring_application as m')
    .innerJoin('application as a', 'a.id', 'm.application_id')
    .innerJoin(
      sql<{ d: string; m: string; x: string }>`lateral (
        select c->>'day' as d, c->>'measure' as m, c->>'detail' as x
        from jsonb_array_elements(m.contributions) c
      )`.as('c'),
      (join) => join.onTrue(),
    )
    .select([
      'a.id',
      'a.number',
      'a.service_code',
      'a.provider_organisation_id',
      'a.channel',
      'a.status',
      'a.submitted_at',
      'a.due_at',
      'a.ended_at',
      'c.d',
      'c.x',
    ])
    .where('c.m', '=', filter.measure)
    .where('c.d', '>=', filter.from)
    .where('c.d', '<', filter.to);
  if (filter.detail !== undefined) query = query.where('c.x', '=', filter.detail);
  if (filter.regionCode) {
    query = query.where('m.region_code', 'in', regionSpellings(filter.regionCode));
  }
  if (filter.providerIds) {
    query = query.where('m.provider_organisation_id', 'in', [...filter.providerIds]);
  }
  if (filter.serviceCode) query = query.where('m.service_code', '=', filter.serviceCode);
  if (filter.channel) query = query.where('m.channel', '=', filter.channel);
  const rows = await query
    .orderBy('a.number')
    .orderBy('c.d')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    serviceCode: row.service_code,
    providerOrganisationId: row.provider_organisation_id,
    channel: row.channel,
    status: row.status,
    submittedAt: row.submitted_at,
    dueAt: row.due_at,
    endedAt: row.ended_at,
    day: row.d,
    detail: row.x,
  }));
}

/** Open applications past their due now, in the slice (the "overdue now" number's list). */
export async function listOverdueNow(
  db: Database,
  filter: LiveFilter & { limit: number; offset: number },
  now: Date,
): Promise<ApplicationBehind[]> {
  if (filter.providerIds && filter.providerIds.length === 0) return [];
  let query = db
    .selectFrom('application')
    .select([
      'id',
      'number',
      'service_code',
      'provider_organisation_id',
      'channel',
      'status',
      'submitted_at',
      'due_at',
      'ended_at',
      'regulation_id',
      'current_step_id',
      'current_actor',
    ])
    .where('ended_at', 'is', null)
    .where('due_at', '<', now)
    .where('status', '<>', 'suspended')
    .where('clock_offset_ms', 'is', null);
  if (filter.regionCode)
    query = query.where('region_code', 'in', regionSpellings(filter.regionCode));
  if (filter.providerIds) {
    query = query.where('provider_organisation_id', 'in', [...filter.providerIds]);
  }
  if (filter.serviceCode) query = query.where('service_code', '=', filter.serviceCode);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  const rows = await query.orderBy('number').limit(filter.limit).offset(filter.offset).execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    serviceCode: row.service_code,
    providerOrganisationId: row.provider_organisation_id,
    channel: row.channel,
    status: row.status,
    submittedAt: row.submitted_at,
    dueAt: row.due_at,
    endedAt: row.ended_at,
    day: '',
    detail: row.current_step_id
      ? slotDetail({
          regulationId: row.regulation_id,
          stepId: row.current_step_id,
          role: row.current_actor ?? '',
        })
      : '',
  }));
}
