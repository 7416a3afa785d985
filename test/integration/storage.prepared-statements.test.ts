import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepPrepared, type DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase, testBackend } from '../support/database.js';

let database: DatabaseHandle;
const probe = keepPrepared('select label from prepared_probe where id = $1');

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  await sql`create table prepared_probe (id int primary key, label text not null)`.execute(
    database.db,
  );
  await sql`insert into prepared_probe values (1, 'one'), (2, 'two')`.execute(database.db);
});
afterAll(async () => {
  await database.close();
});

describe(`statements kept prepared on ${testBackend}`, () => {
  it('answers with each execution’s own values', async () => {
    for (const [id, label] of [
      [1, 'one'],
      [2, 'two'],
      [1, 'one'],
    ] as const) {
      const { rows } = await database.db.executeQuery<{ label: string }>(
        CompiledQuery.raw(probe, [id]),
      );
      expect(rows).toEqual([{ label }]);
    }
  });

  it.runIf(testBackend === 'postgres')(
    'is parsed once per connection, and prepared again when its result type changed',
    async () => {
      await database.db.connection().execute(async (db) => {
        await db.executeQuery(CompiledQuery.raw(probe, [1]));
        const { rows: prepared } = await sql<{ statement: string }>`
          select statement from pg_prepared_statements`.execute(db);
        expect(prepared.map((row) => row.statement)).toContain(probe);

        await sql`alter table prepared_probe alter column label type varchar(20)`.execute(db);
        const { rows } = await db.executeQuery<{ label: string }>(CompiledQuery.raw(probe, [2]));
        expect(rows).toEqual([{ label: 'two' }]);
      });
    },
  );
});
