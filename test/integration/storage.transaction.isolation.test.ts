import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase, testBackend } from '../support/database.js';

describe(`transactions on ${testBackend}`, () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    await sql`create table probe (id serial primary key, label text not null)`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('keeps a rolled-back transaction invisible while another commits concurrently', async () => {
    const failing = database.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into probe (label) values ('rolled back')`.execute(trx);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('abort');
      })
      .catch((error: Error) => error.message);
    const committing = database.db.transaction().execute(async (trx) => {
      await sql`insert into probe (label) values ('committed')`.execute(trx);
    });
    const outside = sql<{ label: string }>`select label from probe`.execute(database.db);

    expect(await failing).toBe('abort');
    await committing;
    await outside;
    const { rows } = await sql<{ label: string }>`select label from probe order by id`.execute(
      database.db,
    );
    expect(rows.map((row) => row.label)).toEqual(['committed']);
  });

  it('returns the same JavaScript types on both backends', async () => {
    const { rows } = await sql<{
      count: number;
      day: string;
      at: Date;
      amount: string;
      document: { a: number };
    }>`select count(*) as count, date '2024-03-21' as day, timestamptz '2024-03-21 09:00:00+05' as at,
              1.50::numeric as amount, '{"a":1}'::jsonb as document`.execute(database.db);
    expect(rows[0]).toEqual({
      count: 1,
      day: '2024-03-21',
      at: new Date('2024-03-21T04:00:00Z'),
      amount: '1.50',
      document: { a: 1 },
    });
  });

  it('runs a script of several statements without parameters', async () => {
    await sql`create table script_a (x int); insert into script_a values (1), (2); create table script_b (y int)`.execute(
      database.db,
    );
    const { rows } = await sql<{
      total: number;
    }>`select sum(x)::int as total from script_a`.execute(database.db);
    expect(rows[0]?.total).toBe(3);
  });
});
