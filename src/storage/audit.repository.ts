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
  await sql`select pg_advisory_xact_lock(${auditChainLock})`.execute(trx);
  const last = await trx
    .selectFrom('audit_event')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const previousHash = last?.hash ?? null;
  const details = JSON.parse(JSON.stringify(event.details ?? {})) as JsonObject;
  const content = {
    occurredAt: event.occurredAt,
    actorKind: event.actor.kind,
    actorId: event.actor.id ?? null,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId ?? null,
    details,
  };
  const hash = computeAuditHash(previousHash, content);
  const inserted = await trx
    .insertInto('audit_event')
    .values({
      occurred_at: content.occurredAt,
      actor_kind: content.actorKind,
      actor_id: content.actorId,
      action: content.action,
      subject_type: content.subjectType,
      subject_id: content.subjectId,
      details: JSON.stringify(details),
      previous_hash: previousHash,
      hash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: inserted.id, ...content, previousHash, hash };
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
