import type { Grain } from '../domain/monitoring/period.js';
import { sql, type Transaction } from 'kysely';
import type { ApplicationEvent } from '../domain/application/ApplicationEvent.js';
import type { Database } from './db.js';
import type { JsonValue, Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** One aggregator at a time across workers (a transaction-scoped advisory lock). */
const monitoringAggregatorLock = sql`hashtext('qyzmet:monitoring')`;

/** An application to recompute, with its log and what it contributed last time. */
export interface MonitoringSource {
  readonly applicationId: string;
  readonly regulationId: string;
  readonly serviceCode: string;
  readonly regionCode: string;
  readonly channel: string;
  readonly providerOrganisationId: string;
  readonly frontOfficeId: string | undefined;
  readonly version: number;
  /** Sandbox applications (a shifted clock) are never counted. */
  readonly isSandbox: boolean;
  readonly events: readonly ApplicationEvent[];
  readonly previous: StoredContributions | undefined;
}

/** What an application contributed, where: its slice and its day counts. */
export interface StoredContributions {
  readonly regionCode: string;
  readonly providerOrganisationId: string;
  readonly serviceCode: string;
  readonly channel: string;
  readonly contributions: readonly {
    day: string;
    measure: string;
    detail: string;
    count: number;
  }[];
}

/**
 * Takes the aggregator's lock (without waiting) and claims up to `limit` dirty marks, oldest
 * first. Undefined when another aggregator is at work.
 */
export async function claimDirtyApplications(
  trx: Transaction<Tables>,
  limit: number,
): Promise<{ markIds: number[]; applicationIds: string[] } | undefined> {
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(${monitoringAggregatorLock}) as locked`.execute(trx);
  if (!rows[0]?.locked) return undefined;
  const marks = await trx
    .selectFrom('monitoring_dirty')
    .select(['id', 'application_id'])
    .orderBy('id')
    .limit(limit)
    .execute();
  return {
    markIds: marks.map((mark) => Number(mark.id)),
    applicationIds: [...new Set(marks.map((mark) => mark.application_id))],
  };
}

/** The applications, their logs and their stored contributions. */
export async function loadMonitoringSources(
  trx: Executor,
  applicationIds: readonly string[],
): Promise<MonitoringSource[]> {
  if (applicationIds.length === 0) return [];
  const ids = [...applicationIds];
  // One after another: the embedded database has one connection.
  const applications = await trx
    .selectFrom('application')
    .select([
      'id',
      'regulation_id',
      'service_code',
      'region_code',
      'channel',
      'provider_organisation_id',
      'front_office_id',
      'version',
      'clock_offset_ms',
    ])
    .where('id', 'in', ids)
    .execute();
  const events = await trx
    .selectFrom('application_event')
    .select(['application_id', 'sequence', 'at', 'actor', 'payload'])
    .where('application_id', 'in', ids)
    .orderBy('application_id')
    .orderBy('sequence')
    .execute();
  const previous = await trx
    .selectFrom('monitoring_application')
    .selectAll()
    .where('application_id', 'in', ids)
    .execute();
  const logs = new Map<string, ApplicationEvent[]>();
  for (const row of events) {
    const log = logs.get(row.application_id) ?? [];
    log.push({
      ...(row.payload as object),
      sequence: row.sequence,
      at: row.at.getTime(),
      actor: row.actor,
    } as unknown as ApplicationEvent);
    logs.set(row.application_id, log);
  }
  const stored = new Map(previous.map((row) => [row.application_id, row]));
  return applications.map((row) => {
    const before = stored.get(row.id);
    return {
      applicationId: row.id,
      regulationId: row.regulation_id,
      serviceCode: row.service_code,
      regionCode: row.region_code,
      channel: row.channel,
      providerOrganisationId: row.provider_organisation_id,
      frontOfficeId: row.front_office_id ?? undefined,
      version: row.version,
      isSandbox: row.clock_offset_ms !== null && row.clock_offset_ms !== undefined,
      events: logs.get(row.id) ?? [],
      previous: before && {
        regionCode: before.region_code,
        providerOrganisationId: before.provider_organisation_id,
        serviceCode: before.service_code,
        channel: before.channel,
        contributions: before.contributions as unknown as StoredContributions['contributions'],
      },
    };
  });
}

/** A change of one summed count. */
export interface CountDelta {
  readonly grain: Grain;
  readonly regionCode: string;
  readonly periodStart: string;
  readonly providerOrganisationId: string;
  readonly serviceCode: string;
  readonly channel: string;
  readonly measure: string;
  readonly detail: string;
  readonly delta: number;
}

/**
 * The deltas summed over the services: what moves `monitoring_provider_count` (migration 0155)
 * when `deltas` move `monitoring_count`. Keys whose services cancel out are left out.
 */
export function providerDeltasOf(deltas: readonly CountDelta[]): CountDelta[] {
  const summed = new Map<string, CountDelta>();
  for (const delta of deltas) {
    const key = [
      delta.grain,
      delta.regionCode,
      delta.periodStart,
      delta.providerOrganisationId,
      delta.channel,
      delta.measure,
      delta.detail,
    ].join('\u0000');
    const current = summed.get(key);
    summed.set(key, { ...delta, serviceCode: '', delta: (current?.delta ?? 0) + delta.delta });
  }
  return [...summed.values()].filter((delta) => delta.delta !== 0);
}

/**
 * Adds the deltas to the counts of a summary table, 1,000 rows a statement (the insert's
 * parameters stay bounded): `monitoring_count` keyed with the service, its roll-up
 * `monitoring_provider_count` (migration 0155) without it — the deltas' `serviceCode` is
 * ignored there.
 */
async function upsertCounts(
  trx: Transaction<Tables>,
  table: 'monitoring_count' | 'monitoring_provider_count',
  deltas: readonly CountDelta[],
): Promise<void> {
  const withService = table === 'monitoring_count';
  const key = [
    'grain',
    'region_code',
    'period_start',
    'provider_organisation_id',
    ...(withService ? (['service_code'] as const) : []),
    'channel',
    'measure',
    'detail',
  ] as const;
  for (let start = 0; start < deltas.length; start += 1_000) {
    const chunk = deltas.slice(start, start + 1_000);
    await trx
      .insertInto(table)
      .values(
        chunk.map((delta) => ({
          grain: delta.grain,
          region_code: delta.regionCode,
          period_start: delta.periodStart,
          provider_organisation_id: delta.providerOrganisationId,
          ...(withService ? { service_code: delta.serviceCode } : {}),
          channel: delta.channel,
          measure: delta.measure,
          detail: delta.detail,
          count: delta.delta,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns([...key])
          .doUpdateSet({ count: sql`${sql.ref(`${table}.count`)} + excluded.count` }),
      )
      .execute();
  }
}

/**
 * Applies the deltas (one per key: the caller sums them) to the summary table and to its
 * roll-up without the service, stores each application's new contribution and removes the
 * claimed marks: one transaction with the claim, so the two tables always agree.
 */
export async function saveMonitoringRound(
  trx: Transaction<Tables>,
  round: {
    deltas: readonly CountDelta[];
    computed: readonly (StoredContributions & { applicationId: string; version: number })[];
    markIds: readonly number[];
    now: Date;
  },
): Promise<void> {
  await upsertCounts(trx, 'monitoring_count', round.deltas);
  await upsertCounts(trx, 'monitoring_provider_count', providerDeltasOf(round.deltas));
  if (round.computed.length > 0) {
    await trx
      .insertInto('monitoring_application')
      .values(
        round.computed.map((item) => ({
          application_id: item.applicationId,
          version: item.version,
          region_code: item.regionCode,
          provider_organisation_id: item.providerOrganisationId,
          service_code: item.serviceCode,
          channel: item.channel,
          contributions: JSON.stringify(item.contributions as unknown as JsonValue[]),
          computed_at: round.now,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('application_id').doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          region_code: eb.ref('excluded.region_code'),
          provider_organisation_id: eb.ref('excluded.provider_organisation_id'),
          service_code: eb.ref('excluded.service_code'),
          channel: eb.ref('excluded.channel'),
          contributions: eb.ref('excluded.contributions'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
  if (round.markIds.length > 0) {
    await trx
      .deleteFrom('monitoring_dirty')
      .where('id', 'in', [...round.markIds])
      .execute();
  }
  // The summary moved: its version too, in this transaction (the overview's memo is keyed by
  // it, so every server sees the round on its next view). Last, so that its row lock is held
  // only until the commit that follows.
  if (round.deltas.length > 0) {
    await trx
      .updateTable('monitoring_summary_version')
      .set({ round: sql`round + 1` })
      .execute();
  }
}

/** The summary's version: the number of rounds that moved it (migration 0160). */
export async function readSummaryVersion(db: Executor): Promise<string> {
  const row = await db.selectFrom('monitoring_summary_version').select('round').executeTakeFirst();
  return String(row?.round ?? 0);
}

/** How many applications wait to be counted, and since which mark: the job's backlog. */
export async function countDirtyApplications(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('monitoring_dirty')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
