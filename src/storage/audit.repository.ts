import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import type { JsonObject, JsonValue, Tables } from './schema.js';

/** Who caused a change. */
export type AuditActor =
  | { kind: 'citizen'; id: string }
  | { kind: 'staff'; id: string }
  | { kind: 'system'; id?: string }
  | { kind: 'anonymous'; id?: string };

/** One state change to record. `details` must be JSON (no undefined, functions or cycles). */
export interface AuditEventInput {
  occurredAt: Date;
  actor: AuditActor;
  /** A stable dotted verb, e.g. 'citizen.registered', 'session.revoked_all'. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEventRow {
  id: number;
  occurredAt: Date;
  actorKind: AuditActor['kind'];
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: JsonObject;
  previousHash: string | null;
  hash: string;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The hash of an audit row: SHA-256 (hex) over `previousHash` (empty for the first row),
 * a line feed, and the canonical JSON of
 * { action, actorId, actorKind, details, occurredAt (ISO 8601 UTC), subjectId, subjectType }.
 */
export function computeAuditHash(
  previousHash: string | null,
  row: Omit<AuditEventRow, 'id' | 'hash' | 'previousHash'>,
): string {
  const canonical = canonicalJson({
    action: row.action,
    actorId: row.actorId,
    actorKind: row.actorKind,
    details: row.details,
    occurredAt: row.occurredAt.toISOString(),
    subjectId: row.subjectId,
    subjectType: row.subjectType,
  });
  return createHash('sha256')
    .update(`${previousHash ?? ''}\n${canonical}`)
    .digest('hex');
}

// Any constant: all appenders take the same transaction-scoped lock, so the chain is linear.
const auditChainLock = 726_361_501;

/**
 * Appends an audit row inside the caller's transaction (the same one as the change it
 * records), linked to the previous row by hash. Appenders are serialised by a
 * transaction-scoped advisory lock until commit, so concurrent writers cannot fork the chain.
 */
export async function appendAudit(
  trx: Transaction<Tables>,
  event: AuditEventInput,
): Promise<AuditEventRow> {
  const [row] = await appendAuditBatch(trx, [event]);
  return row!;
}

/**
 * Appends several audit rows, in order, with one lock, one read of the chain's head and one
 * insert. Call it last in a transaction: the chain lock is held until commit, so the shorter
 * the time between this call and the commit, the more transactions per second the system takes.
 */
export async function appendAuditBatch(
  trx: Transaction<Tables>,
  events: readonly AuditEventInput[],
): Promise<AuditEventRow[]> {
  if (events.length === 0) return [];
  await sql`select pg_advisory_xact_lock(${auditChainLock})`.execute(trx);
  const last = await trx
    .selectFrom('audit_event')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let previousHash = last?.hash ?? null;
  const rows = events.map((event) => {
    const content = {
      occurredAt: event.occurredAt,
      actorKind: event.actor.kind,
      actorId: event.actor.id ?? null,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId ?? null,
      details: JSON.parse(JSON.stringify(event.details ?? {})) as JsonObject,
    };
    const hash = computeAuditHash(previousHash, content);
    const row = { ...content, previousHash, hash };
    previousHash = hash;
    return row;
  });
  const inserted = await trx
    .insertInto('audit_event')
    .values(
      rows.map((row) => ({
        occurred_at: row.occurredAt,
        actor_kind: row.actorKind,
        actor_id: row.actorId,
        action: row.action,
        subject_type: row.subjectType,
        subject_id: row.subjectId,
        details: JSON.stringify(row.details),
        previous_hash: row.previousHash,
        hash: row.hash,
      })),
    )
    .returning('id')
    .execute();
  // Identity values come back in insertion order for a multi-row insert.
  const ids = inserted.map((entry) => entry.id).sort((a, b) => a - b);
  return rows.map((row, index) => ({ id: ids[index]!, ...row }));
}

/** Audit rows, oldest first, optionally for one subject. */
export async function listAuditEvents(
  db: Database,
  filter: { subjectType?: string; subjectId?: string; action?: string } = {},
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_event').selectAll().orderBy('id', 'asc');
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.action) query = query.where('action', '=', filter.action);
  const rows = await query.execute();
  return rows.map((row) => ({
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
  }));
}

/**
 * Recomputes the whole chain; returns the id of the first row whose link or hash does not
 * match, or undefined when the chain is intact.
 */
export async function findBrokenAuditLink(db: Database): Promise<number | undefined> {
  let previous: string | null = null;
  for (const row of await listAuditEvents(db)) {
    if (row.previousHash !== previous || computeAuditHash(previous, row) !== row.hash)
      return row.id;
    previous = row.hash;
  }
  return undefined;
}
