import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInboxRows, type InboxFilter } from '../../src/storage/application-query.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase, testBackend } from '../support/database.js';

let database: DatabaseHandle;
const me = '00000000-0000-4000-8000-000000000001';
const someoneElse = '00000000-0000-4000-8000-000000000002';

/**
 * 600 projection rows in two organisations: every step actor, executors assigned to me, to
 * someone else or to nobody, ended applications (no current step), two services, suspended
 * ones, and many equal urgencies (so the id breaks ties across branches).
 */
beforeAll(async () => {
  database = await createTestDatabase();
  await sql`
    insert into application (id, number, regulation_id, service_code, region_code, channel,
      applicant_iin, provider_organisation_id, holder_organisation_id, status, current_step_id,
      current_actor, executor_id, submitted_at, step_due_at, due_at, version, updated_at)
    select gen_random_uuid(), '2026-' || lpad(i::text, 7, '0'), 'r',
      case when i % 7 = 0 then 'certificates' else 'duplicates' end, 'kostanay',
      'provider_office', '900101300007', 'org-' || (i % 2), 'org-' || (i % 2),
      case when i % 9 = 0 then 'suspended' else 'in_work' end,
      case when i % 11 = 0 then null else 'step' end,
      (array['registry_office', 'head', 'executor', 'front_office_operator'])[1 + i % 4],
      (array[${me}, ${someoneElse}, null])[1 + (i / 4) % 3],
      timestamptz '2026-01-01',
      case when i % 5 = 0 then null else timestamptz '2026-02-01' + (i % 17) * interval '1 hour' end,
      timestamptz '2026-02-01' + (i % 13) * interval '1 hour', 2, timestamptz '2026-01-01'
    from generate_series(1, 600) as i`.execute(database.db);
});
afterAll(async () => {
  await database.close();
});

describe(`role inbox rows on ${testBackend}`, () => {
  it.each([
    [['registry_office', 'head']],
    [['executor']],
    [['head', 'executor']],
    [['front_office_operator', 'registry_office', 'head', 'executor']],
  ])('pages %j in urgency order, each row once, like one sorted query', async (actors) => {
    const owner = { organisationId: 'org-0', actors, staffId: me };
    const { rows: expected } = await sql<{ id: string }>`
      select id from application
      where holder_organisation_id = 'org-0' and current_step_id is not null
        and (current_actor = any(${actors.filter((actor) => actor !== 'executor')}::text[])
          or (${actors.includes('executor')} and current_actor = 'executor'
            and (executor_id = ${me} or executor_id is null)))
      order by coalesce(step_due_at, due_at), id`.execute(database.db);
    expect(expected.length).toBeGreaterThan(40);

    const seen: string[] = [];
    let after: { at: Date; id: string } | undefined;
    for (let page = 0; page < 100; page += 1) {
      const rows = await listInboxRows(database.db, owner, after, 7);
      seen.push(...rows.map((row) => row.id));
      for (const row of rows) {
        expect(row.holderOrganisationId).toBe('org-0');
        if (row.currentActor === 'executor') expect([me, null]).toContain(row.executorId);
      }
      if (rows.length < 7) break;
      const last = rows[rows.length - 1]!;
      after = { at: last.urgencyAt, id: last.id };
    }
    expect(seen).toEqual(expected.map((row) => row.id));
  });

  it.each<[InboxFilter, number]>([
    [{ serviceCode: 'duplicates' }, 100],
    [{ serviceCode: 'school-admission' }, 0],
    [{ status: 'suspended' }, 10],
    [{ overdueAt: new Date('2026-02-01T05:30:00Z') }, 20],
    [
      { serviceCode: 'duplicates', status: 'in_work', overdueAt: new Date('2026-02-01T09:30:00Z') },
      30,
    ],
  ])('pages the filter %j like one sorted query', async (filter, atLeast) => {
    const actors = ['registry_office', 'head', 'executor'];
    const { rows: expected } = await sql<{ id: string }>`
      select id from application
      where holder_organisation_id = 'org-1' and current_step_id is not null
        and (current_actor in ('registry_office', 'head')
          or (current_actor = 'executor' and (executor_id = ${me} or executor_id is null)))
        and (${filter.serviceCode ?? null}::text is null or service_code = ${filter.serviceCode ?? null})
        and (${filter.status ?? null}::text is null or status = ${filter.status ?? null})
        and (${filter.overdueAt ?? null}::timestamptz is null
          or (coalesce(step_due_at, due_at) < ${filter.overdueAt ?? null} and status <> 'suspended'))
      order by coalesce(step_due_at, due_at), id`.execute(database.db);
    expect(expected.length).toBeGreaterThanOrEqual(atLeast);
    const seen: string[] = [];
    let after: { at: Date; id: string } | undefined;
    for (let page = 0; page < 100; page += 1) {
      const rows = await listInboxRows(
        database.db,
        { organisationId: 'org-1', actors, staffId: me },
        after,
        5,
        filter,
      );
      seen.push(...rows.map((row) => row.id));
      if (rows.length < 5) break;
      const last = rows[rows.length - 1]!;
      after = { at: last.urgencyAt, id: last.id };
    }
    expect(seen).toEqual(expected.map((row) => row.id));
  });

  it('returns nothing for a member whose roles do no step', async () => {
    expect(
      await listInboxRows(
        database.db,
        { organisationId: 'org-0', actors: [], staffId: me },
        undefined,
        10,
      ),
    ).toEqual([]);
  });
});
