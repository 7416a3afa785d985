import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditBreakReason,
  scanAuditChain,
  sealAuditEvents,
  type AuditChainScan,
} from '../../src/storage/audit-chain.repository.js';
import {
  appendAudit,
  computeAuditHash,
  listAuditEvents,
  type AuditEventInput,
} from '../../src/storage/audit.repository.js';
import type { Database, DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase, testBackend } from '../support/database.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const event = (minute: number, action = 'a.many'): AuditEventInput => ({
  occurredAt: at(minute),
  actor: { kind: 'system' },
  action,
  subjectType: 't',
});
const seal = (db: Database = database.db, batchSize = 1_000) =>
  sealAuditEvents(db, { now: at(59), batchSize, wait: true });

class Rollback extends Error {}

/**
 * What an attacker with the tables' owner rights can do: switch off the append-only triggers
 * (migration 0101) for one transaction. The application's own statements cannot.
 */
async function disableAppendOnly(trx: Database): Promise<void> {
  await sql`alter table audit_event disable trigger user`.execute(trx);
  await sql`alter table audit_anchor disable trigger user`.execute(trx);
}

/** Tampers as the owner, committed. */
async function tamperAsOwner(tamper: (trx: Database) => Promise<unknown>): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await disableAppendOnly(trx);
    await tamper(trx);
    await sql`alter table audit_event enable trigger user`.execute(trx);
    await sql`alter table audit_anchor enable trigger user`.execute(trx);
  });
}

/** Tampers inside a transaction, scans the tampered trail, then rolls the tampering back. */
async function scanTampered(tamper: (trx: Database) => Promise<unknown>): Promise<AuditChainScan> {
  let scan: AuditChainScan | undefined;
  await database.db
    .transaction()
    .execute(async (trx) => {
      await disableAppendOnly(trx);
      await tamper(trx);
      scan = await scanAuditChain(trx, 2);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return scan!;
}

describe(`audit_event chain on ${testBackend}`, () => {
  let rolledBackId = 0;

  it('writers append unchained rows: content hash, no link, no position', async () => {
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
    // Identical content twice is allowed (hashes are not unique until chained).
    await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        database.db.transaction().execute((trx) => appendAudit(trx, event(3 + (n % 2)))),
      ),
    );
    const rows = await listAuditEvents(database.db);
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row.chainPosition).toBeNull();
      expect(row.previousHash).toBeNull();
      expect(row.hash).toBe(computeAuditHash(null, row));
    }
  });

  it('a rolled-back change leaves no audit row', async () => {
    const before = (await listAuditEvents(database.db)).length;
    await expect(
      database.db.transaction().execute(async (trx) => {
        rolledBackId = (await appendAudit(trx, event(20, 'a.lost'))).id;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await listAuditEvents(database.db)).length).toBe(before);
    // A later change commits: the rolled-back id stays a gap below it.
    await appendAudit(database.db, event(21, 'a.after'));
  });

  it('the sealer chains committed rows in id order and anchors the head', async () => {
    const round = await seal();
    expect(round).toEqual({ sealed: 8, hasLock: true });
    const rows = await listAuditEvents(database.db);
    expect(rows.map((row) => row.chainPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[0]!.previousHash).toBeNull();
    expect(rows[0]!.hash).toBe(computeAuditHash(null, rows[0]!));
    for (let n = 1; n < rows.length; n += 1) {
      expect(rows[n]!.previousHash).toBe(rows[n - 1]!.hash);
      expect(rows[n]!.hash).toBe(computeAuditHash(rows[n - 1]!.hash, rows[n]!));
    }
    const anchors = await database.db.selectFrom('audit_anchor').selectAll().execute();
    expect(anchors).toMatchObject([{ chain_position: 8, head_hash: rows[7]!.hash }]);
    expect(await seal()).toEqual({ sealed: 0, hasLock: true });
    expect(await scanAuditChain(database.db, 2)).toEqual({
      rows: 8,
      sealedRows: 8,
      unsealedRows: 0,
      head: { position: 8, hash: rows[7]!.hash, mac: null },
      macsChecked: false,
      coverage: {
        applicationEvents: 0,
        applicationEventsWithoutAudit: 0,
        documents: 0,
        documentsWithoutAudit: 0,
        firstWithoutAudit: null,
      },
    });
  });

  it('a row with a lower id committed after the head was sealed is chained after it', async () => {
    // What a transaction that took its id early and committed late looks like to the sealer.
    const late = event(22, 'a.late');
    const content = {
      occurredAt: late.occurredAt,
      actorKind: 'system' as const,
      actorId: null,
      action: late.action,
      subjectType: late.subjectType,
      subjectId: null,
      details: {},
    };
    await sql`
      insert into audit_event (id, occurred_at, actor_kind, action, subject_type, details, hash)
      overriding system value
      values (${rolledBackId}, ${late.occurredAt}, 'system', ${late.action}, 't', '{}'::jsonb,
        ${computeAuditHash(null, content)})`.execute(database.db);
    await database.db.transaction().execute((trx) => appendAudit(trx, event(23)));
    expect(await seal(database.db, 1)).toMatchObject({ sealed: 1 });
    expect(await seal()).toMatchObject({ sealed: 1 });
    const rows = await listAuditEvents(database.db);
    const lateRow = rows.find((row) => row.id === rolledBackId)!;
    const head = rows.find((row) => row.chainPosition === 8)!;
    expect(lateRow.id).toBeLessThan(head.id);
    expect(lateRow.chainPosition).toBe(9);
    expect(lateRow.previousHash).toBe(head.hash);
    expect(rows.find((row) => row.chainPosition === 10)!.previousHash).toBe(lateRow.hash);
    expect((await scanAuditChain(database.db, 3)).broken).toBeUndefined();
  });

  it.runIf(testBackend === 'postgres')(
    'writers do not wait for one another; an id committed out of order is sealed later, not lost',
    async () => {
      let signalInserted!: (id: number) => void;
      const inserted = new Promise<number>((resolve) => (signalInserted = resolve));
      let finish!: () => void;
      const gate = new Promise<void>((resolve) => (finish = resolve));
      const slow = database.db.transaction().execute(async (trx) => {
        const row = await appendAudit(trx, event(30, 'a.slow'));
        signalInserted(row.id);
        await gate;
        return row;
      });
      const slowId = await inserted;
      // Commits while the slow transaction still holds its (lower) id uncommitted.
      const fast = await database.db
        .transaction()
        .execute((trx) => appendAudit(trx, event(31, 'a.fast')));
      expect(fast.id).toBeGreaterThan(slowId);
      expect(await seal()).toMatchObject({ sealed: 1 });
      finish();
      await slow;
      expect(await seal()).toMatchObject({ sealed: 1 });
      const rows = await listAuditEvents(database.db);
      const position = (id: number) => rows.find((row) => row.id === id)!.chainPosition!;
      expect(position(slowId)).toBe(position(fast.id) + 1);
      expect((await scanAuditChain(database.db)).broken).toBeUndefined();
    },
  );

  it.runIf(testBackend === 'postgres')('two sealers at once never fork the chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        database.db.transaction().execute((trx) => appendAudit(trx, event(40 + (n % 10)))),
      ),
    );
    const rounds = await Promise.all([
      sealAuditEvents(database.db, { now: at(59), batchSize: 1_000, wait: false }),
      sealAuditEvents(database.db, { now: at(59), batchSize: 1_000, wait: false }),
    ]);
    expect(rounds.reduce((sum, round) => sum + round.sealed, 0)).toBe(20);
    expect((await scanAuditChain(database.db)).broken).toBeUndefined();
  });

  it('verifies page by page and names the first altered row', async () => {
    const rows = await listAuditEvents(database.db);
    const target = rows[2]!;
    const scan = await scanTampered((trx) =>
      sql`update audit_event set details = '{"forged": true}'::jsonb where id = ${target.id}`.execute(
        trx,
      ),
    );
    expect(scan.broken).toEqual({
      reason: AuditBreakReason.hashMismatch,
      id: target.id,
      position: 3,
    });
  });

  it('detects a removed row, an inserted row and two rows swapped', async () => {
    const rows = await listAuditEvents(database.db);
    const byPosition = (position: number) => rows.find((row) => row.chainPosition === position)!;

    const removed = await scanTampered((trx) =>
      sql`delete from audit_event where chain_position = 4`.execute(trx),
    );
    expect(removed.broken).toEqual({
      reason: AuditBreakReason.positionGap,
      id: byPosition(5).id,
      position: 4,
    });

    const inserted = await scanTampered(async (trx) => {
      const forged = event(50, 'a.forged');
      await sql`update audit_event set chain_position = chain_position + 1000 where chain_position >= 4`.execute(
        trx,
      );
      await sql`update audit_event set chain_position = chain_position - 999 where chain_position >= 1004`.execute(
        trx,
      );
      const { rows: made } = await sql<{ id: number }>`
        insert into audit_event (occurred_at, actor_kind, action, subject_type, details,
          previous_hash, hash, chain_position)
        values (${forged.occurredAt}, 'system', ${forged.action}, 't', '{}'::jsonb,
          ${byPosition(3).hash}, 'forged', 4)
        returning id`.execute(trx);
      return made[0]!.id;
    });
    expect(inserted.broken).toMatchObject({ position: 4 });
    expect([AuditBreakReason.hashMismatch, AuditBreakReason.linkMismatch]).toContain(
      inserted.broken!.reason,
    );

    const swapped = await scanTampered(async (trx) => {
      await sql`update audit_event set chain_position = -5 where chain_position = 5`.execute(trx);
      await sql`update audit_event set chain_position = 5 where chain_position = 6`.execute(trx);
      await sql`update audit_event set chain_position = 6 where chain_position = -5`.execute(trx);
    });
    expect(swapped.broken).toEqual({
      reason: AuditBreakReason.linkMismatch,
      id: byPosition(6).id,
      position: 5,
    });
  });

  it('detects removal of the last rows against the anchor', async () => {
    const scan = await scanTampered((trx) =>
      sql`delete from audit_event where chain_position >= (select max(chain_position) - 1 from audit_event)`.execute(
        trx,
      ),
    );
    expect(scan.broken?.reason).toBe(AuditBreakReason.tailMissing);
    expect(scan.broken?.id).toBeNull();
  });

  it('detects a chain rewritten from a row on (the anchors keep the old hashes)', async () => {
    const rows = (await listAuditEvents(database.db)).sort(
      (a, b) => a.chainPosition! - b.chainPosition!,
    );
    const scan = await scanTampered(async (trx) => {
      let previous: string | null = rows[0]!.hash;
      for (const row of rows.slice(1)) {
        const forged = row.chainPosition === 2 ? { ...row, action: 'a.rewritten' } : row;
        const hash = computeAuditHash(previous, forged);
        await sql`update audit_event set action = ${forged.action}, previous_hash = ${previous},
          hash = ${hash} where id = ${row.id}`.execute(trx);
        previous = hash;
      }
    });
    expect(scan.broken?.reason).toBe(AuditBreakReason.anchorMismatch);
  });

  it('refuses to seal a row altered before it was sealed, and names it', async () => {
    const first = await database.db.transaction().execute((trx) => appendAudit(trx, event(55)));
    const second = await database.db.transaction().execute((trx) => appendAudit(trx, event(56)));
    await tamperAsOwner((trx) =>
      sql`update audit_event set action = 'a.altered' where id = ${second.id}`.execute(trx),
    );
    const round = await seal();
    expect(round).toEqual({ sealed: 1, hasLock: true, blockedAtId: second.id });
    const rows = await listAuditEvents(database.db);
    expect(rows.find((row) => row.id === first.id)!.chainPosition).not.toBeNull();
    const scan = await scanAuditChain(database.db);
    expect(scan.unsealedRows).toBe(1);
    expect(scan.broken).toEqual({
      reason: AuditBreakReason.unsealedAltered,
      id: second.id,
      position: null,
    });
  });
});
