import { sql, type Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSlot } from '../../src/domain/monitoring/slot.js';
import { refreshAllIndicators } from '../../src/features/monitoring/refresh-indicators.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, createOrganisation, manualClock } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { databaseMigratedTo } from '../support/migrations.js';
import { toAccept, writeScriptedApplication, type ScriptedEvent } from '../support/monitoring.js';

const regulationId = 'south-kazakhstan.archive-certificate.2012-12-26';
const region = 'south-kazakhstan';
const slotMeasures = ['term_violated', 'step_overdue'];

/**
 * Migration 0165 re-keys the slots of the term violations and missed step deadlines with their
 * regulation version (issue 20, docs/monitoring.md, "Steps by regulation"): counts made before
 * it, detailed `step|role`, are re-counted by the job as `regulation|step|role` — the totals do
 * not move, only the details — and only applications that contributed a slot are marked.
 */
describe(`migration 0165 (monitoring slots by regulation) on ${testBackend}`, () => {
  let handle: DatabaseHandle;
  let migrator: Migrator;
  const clock = manualClock('2013-03-20T04:00:00Z');
  let services: ReturnType<typeof applicationServices>;
  const ids: Record<string, string> = {};

  /** Every summary row of a measure: its detail and count, in both tables. */
  const slotRows = async (table: 'monitoring_count' | 'monitoring_provider_count') =>
    (
      await sql<{ detail: string; count: number }>`
        select detail, sum(count)::int as count from ${sql.table(table)}
        where measure in ('term_violated', 'step_overdue') and grain = 'quarter'
        group by detail order by detail`.execute(handle.db)
    ).rows;
  /** The applications marked for the job. */
  const marked = async () =>
    (await handle.db.selectFrom('monitoring_dirty').select('application_id').execute()).map(
      (row) => row.application_id,
    );
  const totals = async () =>
    (
      await sql<{ grain: string; measure: string; count: number }>`
        select grain, measure, sum(count)::int as count from monitoring_count
        group by grain, measure order by grain, measure`.execute(handle.db)
    ).rows;

  beforeAll(async () => {
    ({ handle, migrator } = await databaseMigratedTo('0160-monitoring-summary-version'));
    services = applicationServices(handle, clock.now);
    await createOrganisation(handle, { id: 'sk-archive', kind: 'archive', regionCode: region });
    const write = (number: string, events: ScriptedEvent[]) =>
      writeScriptedApplication(services, {
        number,
        regulationId,
        channel: 'provider_office',
        providerOrganisationId: 'sk-archive',
        submittedAt: '2013-02-04T04:00:00Z',
        events,
      }).then((id) => (ids[number] = id));
    // Still waiting for the head's acceptance past its term; refused at intake (no slot).
    await write('M-late', toAccept('2013-02-04', true));
    await write('M-refused', toAccept('2013-02-04', false));
    expect(await refreshAllIndicators(services)).toBe(2);
    // As the job before 0165 left them: the slots without their regulation.
    const strip = (detail: string) =>
      detail.startsWith(`${regulationId}|`) ? detail.slice(regulationId.length + 1) : detail;
    for (const table of ['monitoring_count', 'monitoring_provider_count'] as const) {
      await sql`update ${sql.table(table)}
        set detail = substr(detail, ${regulationId.length + 2})
        where detail like ${`${regulationId}|%`}`.execute(handle.db);
    }
    for (const row of await handle.db.selectFrom('monitoring_application').selectAll().execute()) {
      const contributions = (row.contributions as { detail: string }[]).map((item) => ({
        ...item,
        detail: strip(item.detail),
      }));
      await handle.db
        .updateTable('monitoring_application')
        .set({ contributions: JSON.stringify(contributions) })
        .where('application_id', '=', row.application_id)
        .execute();
    }
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('marks the applications with slots, and their next round re-keys them without moving a total', async () => {
    expect(await slotRows('monitoring_count')).toEqual([{ detail: 'accept|head', count: 1 }]);
    const before = await totals();
    const up = await migrator.migrateTo('0165-monitoring-slot-regulation');
    expect(up.error).toBeUndefined();
    expect(await marked()).toEqual([ids['M-late']]);

    expect(await refreshAllIndicators(services)).toBe(1);
    for (const table of ['monitoring_count', 'monitoring_provider_count'] as const) {
      const rows = (await slotRows(table)).filter((row) => row.count !== 0);
      // The term violated at the head's acceptance (the step has no duration of its own).
      expect(rows, table).toEqual([{ detail: `${regulationId}|accept|head`, count: 1 }]);
      expect(findSlot(rows[0]!.detail)).toEqual({ regulationId, stepId: 'accept', role: 'head' });
    }
    expect(await totals()).toEqual(before);
    const stored = await handle.db
      .selectFrom('monitoring_application')
      .select('contributions')
      .where('application_id', '=', ids['M-late']!)
      .executeTakeFirstOrThrow();
    const details = (stored.contributions as { measure: string; detail: string }[])
      .filter((item) => slotMeasures.includes(item.measure))
      .map((item) => item.detail);
    expect(details).toEqual([`${regulationId}|accept|head`]);

    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(await marked()).toEqual([ids['M-late']]);
  });
});
