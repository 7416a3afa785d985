import { sql, type Transaction } from 'kysely';
import {
  auditKeyInUse,
  computeAuditHash,
  computeAuditMac,
  auditRowOf,
  type AuditEventRow,
} from './audit.repository.js';
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
  /**
   * An unsealed row whose content no longer matches its hash, or (with the audit key) whose MAC
   * is wrong or missing after keyed rows: sealing stops before it.
   */
  readonly blockedAtId?: number;
}

/** The chain's head: the last sealed position and its hash. */
export interface AuditChainHead {
  readonly position: number;
  readonly hash: string;
  /** The head row's MAC (null when it has none). */
  readonly mac: string | null;
}

/**
 * Whether a row's MAC checks out under `key`: a row with a MAC must carry the right one; a row
 * without one is accepted only before the first keyed row of the chain (`isKeyed` false: rows
 * written before the key existed). Without a key nothing can be checked (true).
 */
function isMacValid(row: AuditEventRow, key: Buffer | undefined, isKeyed: boolean): boolean {
  if (!key) return true;
  if (row.mac === null) return !isKeyed;
  return computeAuditMac(key, computeAuditHash(null, row)) === row.mac;
}

async function findHead(trx: Transaction<Tables> | Database): Promise<AuditChainHead | undefined> {
  const head = await trx
    .selectFrom('audit_event')
    .select(['chain_position', 'hash', 'mac'])
    .where('chain_position', 'is not', null)
    .orderBy('chain_position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return head ? { position: head.chain_position!, hash: head.hash, mac: head.mac } : undefined;
}

/** The row at a chain position (for a check against an exported head). */
export async function findChainRow(
  db: Database,
  position: number,
): Promise<AuditChainHead | undefined> {
  const row = await db
    .selectFrom('audit_event')
    .select(['chain_position', 'hash', 'mac'])
    .where('chain_position', '=', position)
    .executeTakeFirst();
  return row ? { position: row.chain_position!, hash: row.hash, mac: row.mac } : undefined;
}

/** The chain's head now (undefined while nothing is sealed). */
export async function findChainHead(db: Database): Promise<AuditChainHead | undefined> {
  return findHead(db);
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
    const key = auditKeyInUse();
    // Once the chain holds a keyed row, every later row must be keyed: a row without a MAC
    // was written by someone without the key (or by a process not configured with it).
    let isKeyed = (head?.mac ?? null) !== null;
    const sealed: { id: number; position: number; previousHash: string | null; hash: string }[] =
      [];
    let blockedAtId: number | undefined;
    for (const stored of pending) {
      const row = auditRowOf(stored);
      if (
        row.previousHash !== null ||
        computeAuditHash(null, row) !== row.hash ||
        !isMacValid(row, key, isKeyed)
      ) {
        blockedAtId = row.id;
        break;
      }
      isKeyed ||= row.mac !== null;
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
  /**
   * A row whose MAC is not the installation key's MAC of its content, or a row without a MAC
   * after keyed rows: written by someone without the key (checked only with the key).
   */
  macMismatch: 'mac_mismatch',
  /** An application event or an issued document without its audit row. */
  auditMissing: 'audit_missing',
} as const;
export type AuditBreakReason = (typeof AuditBreakReason)[keyof typeof AuditBreakReason];

/** The result of walking the whole chain. */
export interface AuditChainScan {
  readonly rows: number;
  readonly sealedRows: number;
  readonly unsealedRows: number;
  readonly head: AuditChainHead | null;
  /** Whether MACs were checked (only a process holding the installation's audit key can). */
  readonly macsChecked: boolean;
  /** What must have audit rows, and how many of them have none. */
  readonly coverage: AuditCoverage;
  /** The first problem found, in chain order; absent when the trail is intact. */
  readonly broken?: {
    readonly reason: AuditBreakReason;
    /** The first row that does not check out, when there is one to name. */
    readonly id: number | null;
    /** The chain position where the problem shows, when it has one. */
    readonly position: number | null;
  };
}

/** Rows of audited tables and how many lack their audit row. */
export interface AuditCoverage {
  readonly applicationEvents: number;
  readonly applicationEventsWithoutAudit: number;
  readonly documents: number;
  readonly documentsWithoutAudit: number;
  /** The first one without its audit row, e.g. "application_event 3f…:4" or "document 9a…". */
  readonly firstWithoutAudit: string | null;
}

/**
 * Counts what must have audit rows: every application event (its `application.<type>` row:
 * subject the application, `details.sequence` the event's sequence) and every issued document
 * (its `document.issued`/`document.reissued` row). Removing audit rows — or the whole trail —
 * while the audited rows stay shows here.
 */
export async function countAuditCoverage(db: Database): Promise<AuditCoverage> {
  const { rows } = await sql<{
    events: string;
    events_missing: string;
    first_event: string | null;
    documents: string;
    documents_missing: string;
    first_document: string | null;
  }>`
    with missing_event as (
      select e.application_id, e.sequence from application_event e
      where not exists (
        select 1 from audit_event a
        where a.subject_type = 'application' and a.subject_id = e.application_id::text
          and a.action = 'application.' || e.type
          and a.details ->> 'sequence' = e.sequence::text)
    ), missing_document as (
      select d.id from document d
      where not exists (
        select 1 from audit_event a
        where a.subject_type = 'document' and a.subject_id = d.id::text
          and a.action in ('document.issued', 'document.reissued'))
    )
    select
      (select count(*) from application_event) as events,
      (select count(*) from missing_event) as events_missing,
      (select application_id::text || ':' || sequence from missing_event
        order by application_id, sequence limit 1) as first_event,
      (select count(*) from document) as documents,
      (select count(*) from missing_document) as documents_missing,
      (select id::text from missing_document order by id limit 1) as first_document`.execute(db);
  const row = rows[0]!;
  return {
    applicationEvents: Number(row.events),
    applicationEventsWithoutAudit: Number(row.events_missing),
    documents: Number(row.documents),
    documentsWithoutAudit: Number(row.documents_missing),
    firstWithoutAudit: row.first_event
      ? `application_event ${row.first_event}`
      : row.first_document
        ? `document ${row.first_document}`
        : null,
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
  let previousMac: string | null = null;
  let broken: AuditChainScan['broken'];
  const key = auditKeyInUse();
  let isKeyed = false;
  for (;;) {
    const page = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('chain_position', '>=', expected)
      .orderBy('chain_position')
      .limit(pageSize)
      .execute();
    for (const stored of page) {
      const row = auditRowOf(stored);
      const position = row.chainPosition!;
      if (position !== expected) {
        broken = { reason: AuditBreakReason.positionGap, id: row.id, position: expected };
      } else if (row.previousHash !== previousHash) {
        broken = { reason: AuditBreakReason.linkMismatch, id: row.id, position };
      } else if (computeAuditHash(previousHash, row) !== row.hash) {
        broken = { reason: AuditBreakReason.hashMismatch, id: row.id, position };
      } else if (!isMacValid(row, key, isKeyed)) {
        broken = { reason: AuditBreakReason.macMismatch, id: row.id, position };
      }
      if (broken) break;
      isKeyed ||= row.mac !== null;
      previousHash = row.hash;
      previousMac = row.mac;
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
  const head =
    expected > 1 ? { position: expected - 1, hash: previousHash!, mac: previousMac } : null;
  broken ??= await findAnchorBreak(db, head);
  broken ??= await findUnsealedBreak(db, pageSize, key, isKeyed);
  const coverage = await countAuditCoverage(db);
  if (!broken && coverage.applicationEventsWithoutAudit + coverage.documentsWithoutAudit > 0) {
    broken = { reason: AuditBreakReason.auditMissing, id: null, position: null };
  }
  return {
    rows,
    sealedRows,
    unsealedRows: rows - sealedRows,
    head,
    macsChecked: key !== undefined,
    coverage,
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
  key: Buffer | undefined,
  isChainKeyed: boolean,
): Promise<AuditChainScan['broken']> {
  let isKeyed = isChainKeyed;
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
      const row = auditRowOf(stored);
      if (row.previousHash !== null || computeAuditHash(null, row) !== row.hash)
        return { reason: AuditBreakReason.unsealedAltered, id: row.id, position: null };
      if (!isMacValid(row, key, isKeyed))
        return { reason: AuditBreakReason.macMismatch, id: row.id, position: null };
      isKeyed ||= row.mac !== null;
      afterId = row.id;
    }
    if (page.length < pageSize) return undefined;
  }
}
