import { sql, type Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { testBackend } from '../support/database.js';
import { databaseMigratedTo } from '../support/migrations.js';

/**
 * Migration 0155 adds the quality indicators' roll-up without the service (issue 20,
 * docs/monitoring.md): the rows counted before it are summed over their services into
 * `monitoring_provider_count` (per grain, region, period, provider, channel, measure and detail),
 * `monitoring_count` stays as it was, and "overdue now" gets its covering partial index; `down`
 * removes both.
 */
describe(`migration 0155 (monitoring provider roll-up) on ${testBackend}`, () => {
  let handle: DatabaseHandle;
  let migrator: Migrator;

  const exists = async (name: string) =>
    (
      await sql<{ found: string | null }>`select to_regclass(${name})::text as found`.execute(
        handle.db,
      )
    ).rows[0]?.found === name;

  beforeAll(async () => {
    ({ handle, migrator } = await databaseMigratedTo('0150-monitoring-period-grains'));
    // Two services of one provider, another channel, another provider, another grain.
    await sql`
      insert into monitoring_count (grain, region_code, period_start, provider_organisation_id,
        service_code, channel, measure, detail, count)
      values
        ('quarter', 'kostanay', '2026-10-01', 'p-1', 'duplicates', 'portal', 'received', '', 4),
        ('quarter', 'kostanay', '2026-10-01', 'p-1', 'school-admission', 'portal', 'received',
          '', 6),
        ('quarter', 'kostanay', '2026-10-01', 'p-1', 'duplicates', 'front_office', 'received',
          '', 1),
        ('quarter', 'kostanay', '2026-10-01', 'p-1', 'duplicates', 'portal', 'duration_share',
          '40', 2),
        ('quarter', 'kostanay', '2026-10-01', 'p-2', 'duplicates', 'portal', 'received', '', 3),
        ('day', 'kostanay', '2026-11-05', 'p-1', 'school-admission', 'portal', 'received', '', 5)
    `.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('sums the existing rows over their services, and down removes the roll-up', async () => {
    const summary = await handle.db.selectFrom('monitoring_count').selectAll().execute();
    const up = await migrator.migrateTo('0155-monitoring-provider-roll-up');
    expect(up.error).toBeUndefined();
    const rolledUp = (
      await sql<{
        grain: string;
        period_start: string;
        provider_organisation_id: string;
        channel: string;
        measure: string;
        detail: string;
        count: number;
      }>`
        select grain, to_char(period_start, 'YYYY-MM-DD') as period_start,
          provider_organisation_id, channel, measure, detail, count
        from monitoring_provider_count
        order by grain, period_start, provider_organisation_id, channel, measure, detail`.execute(
        handle.db,
      )
    ).rows;
    const row = (
      grain: string,
      periodStart: string,
      provider: string,
      channel: string,
      measure: string,
      detail: string,
      count: number,
    ) => ({
      grain,
      period_start: periodStart,
      provider_organisation_id: provider,
      channel,
      measure,
      detail,
      count,
    });
    expect(rolledUp).toEqual([
      row('day', '2026-11-05', 'p-1', 'portal', 'received', '', 5),
      row('quarter', '2026-10-01', 'p-1', 'front_office', 'received', '', 1),
      row('quarter', '2026-10-01', 'p-1', 'portal', 'duration_share', '40', 2),
      row('quarter', '2026-10-01', 'p-1', 'portal', 'received', '', 10),
      row('quarter', '2026-10-01', 'p-2', 'portal', 'received', '', 3),
    ]);
    expect(await handle.db.selectFrom('monitoring_count').selectAll().execute()).toEqual(summary);
    expect(await exists('application_overdue_now_idx')).toBe(true);

    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(await exists('monitoring_provider_count')).toBe(false);
    expect(await exists('application_overdue_now_idx')).toBe(false);
  });
});
