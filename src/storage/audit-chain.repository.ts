import { sql, type Selectable, type Transaction } from 'kysely';
import { computeAuditHash, type AuditEventRow } from './audit.repository.js';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

// Any constant: held by the one sealer at work (transaction-scoped). Writers never take it.
const auditSealerLock = 726_361_502;

/** What one sealing round did. */
export interface AuditSealRound {
  /** Rows chained in this round. */
  readonly sealed: number;
  /** false: another sealer held the lock (only with `wait: false`); nothing was done. */
  readonly hasLock: boolean;
  /** An unsealed row whose content no longer matches its hash: sealing stops before it. */
  readonly blockedAtId?: number;
}

/** The chain's head: the last sealed position and its hash. */
export interface AuditChainHead {
  readonly position: number;
  readonly hash: string;
}

type AuditEventSelectable = Selectable<Tables['audit_event']>;

function toRow(row: AuditEventSelectable): AuditEventRow {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details,
    previousHash: row.previous_hash,
    hash: row.hash,
    chainPosition: row.chain_position,
  };
}

async function findHead(trx: Transaction<Tables> | Database): Promise<AuditChainHead | undefined> {
  const head = await trx
    .selectFrom('audit_event')
    .select(['chain_position', 'hash'])
    .where('chain_position', 'is not', null)
    .orderBy('chain_position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return head ? { position: head.chain_position!, hash: head.hash } : undefined;
}

/**
 * One sealing round: chains up to `batchSize` committed, unsealed audit rows after the head,
 * in id order, and records an anchor (the new head's position and hash) in the same
 * transaction. Only one sealer works at a time across all processes (a transaction-scoped
 * advisory lock; the unique chain position would refuse a second one anyway); with
 * `wait: false` a round that finds the lock taken does nothing.
 *
 * Why no "safe horizon" is needed: the chain is ordered by chain position, which the sealer
 * assigns in the order rows become visible to it, not by id. A transaction that took a lower
 * id but commits after a higher one simply has its row sealed in a later round, after the
 * head — identity values committing out of order can never make the sealer insert into the
 * middle of the chain. (A horizon by transaction ids would not be enough: a transaction may
 * get its xid long before it takes its audit id.)
 *
 * An unsealed row whose stored hash no longer matches its content was altered before it was
 * sealed: the round stops before it (it stays unsealed and `audit verify` names it).
 */
export async function sealAuditEvents(
  db: Database,
  options: { now: Date; batchSize: number; wait: boolean },
): Promise<AuditSealRound> {
  return db.transaction().execute(async (trx) => {
    if (options.wait) {
      await sql`select pg_advisory_xact_lock(${auditSealerLock})`.execute(trx);
    } else {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(${auditSealerLock}) as locked`.execute(trx);
      if (!rows[0]?.locked) return { sealed: 0, hasLock: false };
    }
    const pending = await trx
      .selectFrom('audit_event')
      .selectAll()
      .where('chain_position', 'is', null)
      .orderBy('id')
      .limit(options.batchSize)
      .execute();
    if (pending.length === 0) return { sealed: 0, hasLock: true };
    const head = await findHead(trx);
    let position = head?.position ?? 0;
    let previousHash = head?.hash ?? null;
    const sealed: { id: number; position: number; previousHash: string | null; hash: string }[] =
      [];
    let blockedAtId: number | undefined;
    for (const stored of pending) {
      const row = toRow(stored);
      if (row.previousHash !== null || computeAuditHash(null, row) !== row.hash) {
        blockedAtId = row.id;
        break;
      }
      position += 1;
      const hash = computeAuditHash(previousHash, row);
      sealed.push({ id: row.id, position, previousHash, hash });
      previousHash = hash;
    }
    if (sealed.length > 0) {
      const values = sql.join(
        sealed.map(
          (row) =>
            sql`(${row.id}::int8, ${row.position}::int8, ${row.previousHash}::text, ${row.hash}::text)`,
        ),
      );
      await sql`
        update audit_event set chain_position = sealed.position,
          previous_hash = sealed.previous_hash, hash = sealed.hash
        from (values ${values}) as sealed (id, position, previous_hash, hash)
        where audit_event.id = sealed.id and audit_event.chain_position is null`.execute(trx);
      await trx
        .insertInto('audit_anchor')
        .values({ chain_position: position, head_hash: previousHash!, sealed_at: options.now })
        .execute();
    }
    return {
      sealed: sealed.length,
      hasLock: true,
      ...(blockedAtId !== undefined ? { blockedAtId } : {}),
    };
  });
}

/** Why a chain check failed. */
export const AuditBreakReason = {
  /** A sealed row's hash is not the hash of its content after the previous row's hash. */
  hashMismatch: 'hash_mismatch',
  /** A sealed row does not point at the previous row's hash (removed, inserted or moved rows). */
  linkMismatch: 'link_mismatch',
  /** Chain positions are not 1, 2, 3, … (a row was removed or inserted). */
  positionGap: 'position_gap',
  /** An anchor names a head hash the chain no longer has at its position. */
  anchorMismatch: 'anchor_mismatch',
  /** The last anchor lies beyond the chain's end: its last rows were removed. */
  tailMissing: 'tail_missing',
  /** Sealed rows without an anchor covering them (an anchor was removed or rows forged). */
  anchorMissing: 'anchor_missing',
  /** An unsealed row whose hash does not match its own content. */
  unsealedAltered: 'unsealed_altered',
} as const;
export type AuditBreakReason = (typeof AuditBreakReason)[keyof typeof AuditBreakReason];

/** The result of walking the whole chain. */
export interface AuditChainScan {
  readonly rows: number;
  readonly sealedRows: number;
  readonly unsealedRows: number;
  readonly head: AuditChainHead | null;
  /** The first problem found, in chain order; absent when the trail is intact. */
  readonly broken?: {
    readonly reason: AuditBreakReason;
    /** The first row that does not check out, when there is one to name. */
    readonly id: number | null;
    /** The chain position where the problem shows, when it has one. */
    readonly position: number | null;
  };
}

/**
 * Recomputes the audit trail page by page (`pageSize` rows in memory at a time): every sealed
 * row in chain-position order (positions contiguous from 1, each linked to the previous hash,
 * each hash recomputed), every anchor against the row at its position (the last anchor must be
 * the head: removing the last rows shows), then every unsealed row against its own content.
 */
export async function scanAuditChain(db: Database, pageSize = 2_000): Promise<AuditChainScan> {
  let expected = 1;
  let previousHash: string | null = null;
  let broken: AuditChainScan['broken'];
  for (;;) {
    const page = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('chain_position', '>=', expected)
      .orderBy('chain_position')
      .limit(pageSize)
      .execute();
    for (const stored of page) {
      const row = toRow(stored);
      const position = row.chainPosition!;
      if (position !== expected) {
        broken = { reason: AuditBreakReason.positionGap, id: row.id, position: expected };
      } else if (row.previousHash !== previousHash) {
        broken = { reason: AuditBreakReason.linkMismatch, id: row.id, position };
      } else if (computeAuditHash(previousHash, row) !== row.hash) {
        broken = { reason: AuditBreakReason.hashMismatch, id: row.id, position };
      }
      if (broken) break;
      previousHash = row.hash;
      expected += 1;
    }
    if (broken || page.length < pageSize) break;
  }
  const counts = await db
    .selectFrom('audit_event')
    .select((eb) => [
      eb.fn.countAll<number>().as('rows'),
      eb.fn.count<number>('chain_position').as('sealed'),
    ])
    .executeTakeFirstOrThrow();
  const rows = Number(counts.rows);
  const sealedRows = Number(counts.sealed);
  const head = expected > 1 ? { position: expected - 1, hash: previousHash! } : null;
  broken ??= await findAnchorBreak(db, head);
  broken ??= await findUnsealedBreak(db, pageSize);
  return {
    rows,
    sealedRows,
    unsealedRows: rows - sealedRows,
    head,
    ...(broken ? { broken } : {}),
  };
}

async function findAnchorBreak(
  db: Database,
  head: AuditChainHead | null,
): Promise<AuditChainScan['broken']> {
  const mismatch = await db
    .selectFrom('audit_anchor')
    .leftJoin('audit_event', 'audit_event.chain_position', 'audit_anchor.chain_position')
    .select(['audit_anchor.chain_position as position', 'audit_event.id as id'])
    .where(sql<boolean>`audit_event.hash is distinct from audit_anchor.head_hash`)
    .orderBy('audit_anchor.chain_position')
    .limit(1)
    .executeTakeFirst();
  if (mismatch) {
    return mismatch.id === null
      ? { reason: AuditBreakReason.tailMissing, id: null, position: head ? head.position + 1 : 1 }
      : { reason: AuditBreakReason.anchorMismatch, id: mismatch.id, position: mismatch.position };
  }
  const last = await db
    .selectFrom('audit_anchor')
    .select('chain_position')
    .orderBy('chain_position', 'desc')
    .limit(1)
    .executeTakeFirst();
  // Every sealing round writes its anchor in the same transaction: the last one is the head.
  if (head && last?.chain_position !== head.position) {
    return { reason: AuditBreakReason.anchorMissing, id: null, position: head.position };
  }
  return undefined;
}

async function findUnsealedBreak(
  db: Database,
  pageSize: number,
): Promise<AuditChainScan['broken']> {
  let afterId = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('chain_position', 'is', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const stored of page) {
      const row = toRow(stored);
      if (row.previousHash !== null || computeAuditHash(null, row) !== row.hash)
        return { reason: AuditBreakReason.unsealedAltered, id: row.id, position: null };
      afterId = row.id;
    }
    if (page.length < pageSize) return undefined;
  }
}
