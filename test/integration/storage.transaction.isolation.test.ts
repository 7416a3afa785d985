import { createHash, randomBytes } from 'node:crypto';
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

  it('writes and reads bytea byte for byte, as a Buffer, on both backends', async () => {
    await sql`create table blob_probe (id int primary key, body bytea)`.execute(database.db);
    const large = randomBytes(1_500_000);
    // A view into the middle of a larger buffer: only its own bytes are the value.
    const window = new Uint8Array(large.buffer, large.byteOffset + 7, 1_000);
    const values: [number, Uint8Array][] = [
      [1, new Uint8Array(0)],
      [2, Uint8Array.from([0, 1, 127, 128, 254, 255])],
      [3, window],
      [4, large],
      [5, Buffer.from('\\x41 is not hex to decode', 'utf8')],
    ];
    for (const [id, body] of values) {
      await sql`insert into blob_probe (id, body) values (${id}, ${body})`.execute(database.db);
    }
    const { rows } = await sql<{ id: number; body: Buffer; size: number; digest: string }>`
      select id, body, length(body) as size, encode(sha256(body), 'hex') as digest
        from blob_probe order by id`.execute(database.db);
    expect(rows.map((row) => row.id)).toEqual([1, 2, 3, 4, 5]);
    for (const [index, [, body]] of values.entries()) {
      const row = rows[index]!;
      expect(Buffer.isBuffer(row.body)).toBe(true);
      expect(row.size).toBe(body.byteLength);
      expect(row.digest).toBe(createHash('sha256').update(body).digest('hex'));
      expect(Buffer.compare(row.body, Buffer.from(body))).toBe(0);
    }
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
