import { sql, type Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { testBackend } from '../support/database.js';
import { databaseMigratedTo } from '../support/migrations.js';

/**
 * Migration 0150 adds quarter and year rows to the quality indicators' summary table (issue 20,
 * docs/monitoring.md): the month rows counted before it are summed into their quarters and years
 * (per region, provider, service, channel, measure and detail), the months and days stay as they
 * were, and `down` removes the new rows and refuses the new grains again.
 */
describe(`migration 0150 (monitoring period grains) on ${testBackend}`, () => {
  let handle: DatabaseHandle;
  let migrator: Migrator;

  const rows = async (grain: string) =>
    (
      await sql<{ period_start: string; measure: string; detail: string; count: number }>`
        select to_char(period_start, 'YYYY-MM-DD') as period_start, measure, detail, count
        from monitoring_count where grain = ${grain}
        order by period_start, measure, detail`.execute(handle.db)
    ).rows;

  beforeAll(async () => {
    ({ handle, migrator } = await databaseMigratedTo('0145-queue-aged-out'));
    // Counts the job made before: three months of one year, two of another, one day row.
    await sql`
      insert into monitoring_count (grain, region_code, period_start, provider_organisation_id,
        service_code, channel, measure, detail, count)
      values
        ('month', 'kostanay', '2026-01-01', 'p-1', 'duplicates', 'portal', 'received', '', 4),
        ('month', 'kostanay', '2026-03-01', 'p-1', 'duplicates', 'portal', 'received', '', 6),
        ('month', 'kostanay', '2026-04-01', 'p-1', 'duplicates', 'portal', 'received', '', 1),
        ('month', 'kostanay', '2026-02-01', 'p-1', 'duplicates', 'portal', 'duration_share',
          '40', 2),
        ('month', 'kostanay', '2025-12-01', 'p-1', 'duplicates', 'portal', 'received', '', 3),
        ('day', 'kostanay', '2026-01-05', 'p-1', 'duplicates', 'portal', 'received', '', 4)
    `.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('sums the existing months into their quarters and years, and down removes them', async () => {
    const monthsBefore = await rows('month');
    const up = await migrator.migrateTo('0150-monitoring-period-grains');
    expect(up.error).toBeUndefined();
    expect(await rows('quarter')).toEqual([
      { period_start: '2025-10-01', measure: 'received', detail: '', count: 3 },
      { period_start: '2026-01-01', measure: 'duration_share', detail: '40', count: 2 },
      { period_start: '2026-01-01', measure: 'received', detail: '', count: 10 },
      { period_start: '2026-04-01', measure: 'received', detail: '', count: 1 },
    ]);
    expect(await rows('year')).toEqual([
      { period_start: '2025-01-01', measure: 'received', detail: '', count: 3 },
      { period_start: '2026-01-01', measure: 'duration_share', detail: '40', count: 2 },
      { period_start: '2026-01-01', measure: 'received', detail: '', count: 11 },
    ]);
    expect(await rows('month')).toEqual(monthsBefore);
    expect(await rows('day')).toHaveLength(1);

    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(await rows('quarter')).toEqual([]);
    expect(await rows('year')).toEqual([]);
    await expect(
      sql`insert into monitoring_count (grain, region_code, period_start, provider_organisation_id,
        service_code, channel, measure, detail, count)
        values ('quarter', 'kostanay', '2026-01-01', 'p-1', 'duplicates', 'portal', 'received',
          '', 1)`.execute(handle.db),
    ).rejects.toThrow();
  });
});
