import { sql } from 'kysely';
import type { Database } from '../../src/storage/db.js';

/**
 * The read-path benches' applications (`read-paths.bench.ts`, `compare-read-paths.ts`): `rows`
 * applications of 1,000 providers (org-0 … org-999) in three states, spread over 300 days, with
 * step and term dues — the inbox's and the public status lookup's data.
 */
export async function insertReadPathRows(db: Database, rows: number): Promise<void> {
  await sql`
    insert into application (id, number, regulation_id, service_code, region_code, channel, applicant_iin,
      provider_organisation_id, holder_organisation_id, status, current_step_id, current_actor, submitted_at,
      step_due_at, due_at, version, updated_at)
    select gen_random_uuid(), '2026-' || lpad(i::text, 7, '0'), 'national.duplicates.2020-01-01', 'duplicates',
      'kostanay', 'provider_office', lpad((900101300000 + i % 100000)::text, 12, '0'),
      'org-' || (i % 1000), 'org-' || (i % 1000),
      (array['received', 'in_work', 'in_work'])[1 + i % 3],
      (array['register', 'assign', 'review'])[1 + i % 3],
      (array['registry_office', 'head', 'executor'])[1 + i % 3],
      timestamptz '2026-01-01' + (i % 300) * interval '1 day',
      timestamptz '2026-01-02' + (i % 300) * interval '1 day' + (i % 7) * interval '1 hour',
      timestamptz '2026-01-22' + (i % 300) * interval '1 day', 2, now()
    from generate_series(1, ${rows}) as i`.execute(db);
}
