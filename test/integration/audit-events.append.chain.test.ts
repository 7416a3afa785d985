import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  computeAuditHash,
  findBrokenAuditLink,
  listAuditEvents,
} from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase } from '../support/database.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe('audit_event hash chain', () => {
  it('links each row to the previous one by SHA-256 over the canonical JSON', async () => {
    await database.db.transaction().execute(async (trx) => {
      await appendAudit(trx, {
        occurredAt: at(1),
        actor: { kind: 'system' },
        action: 'a.one',
        subjectType: 't',
        subjectId: '1',
        details: { b: 2, a: [1, { y: 1, x: 2 }] },
      });
      await appendAudit(trx, {
        occurredAt: at(2),
        actor: { kind: 'citizen', id: 'c' },
        action: 'a.two',
        subjectType: 't',
      });
    });
    // concurrent appenders stay on one chain
    await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        database.db.transaction().execute((trx) =>
          appendAudit(trx, {
            occurredAt: at(3 + n),
            actor: { kind: 'system' },
            action: 'a.many',
            subjectType: 't',
          }),
        ),
      ),
    );
    const rows = await listAuditEvents(database.db);
    expect(rows).toHaveLength(7);
    expect(rows[0]!.previousHash).toBeNull();
    for (let n = 1; n < rows.length; n += 1) expect(rows[n]!.previousHash).toBe(rows[n - 1]!.hash);
    expect(rows[0]!.hash).toBe(computeAuditHash(null, rows[0]!));
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await findBrokenAuditLink(database.db)).toBeUndefined();
  });

  it('a rolled-back change leaves no audit row', async () => {
    const before = (await listAuditEvents(database.db)).length;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendAudit(trx, {
          occurredAt: at(20),
          actor: { kind: 'system' },
          action: 'a.lost',
          subjectType: 't',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await listAuditEvents(database.db)).length).toBe(before);
  });

  it('detects a row altered after the fact', async () => {
    const rows = await listAuditEvents(database.db);
    const target = rows[2]!;
    await sql`update audit_event set details = '{"forged": true}'::jsonb where id = ${target.id}`.execute(
      database.db,
    );
    expect(await findBrokenAuditLink(database.db)).toBe(target.id);
  });
});
