import { createHash, createHmac } from 'node:crypto';
import { CompiledQuery, type Selectable, type Transaction } from 'kysely';
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
  /** The previous row's hash in the chain; null for the first row and for unsealed rows. */
  previousHash: string | null;
  /** Chained hash once sealed; until then the hash of the row's own content. */
  hash: string;
  /** Place in the chain (1…n), null until the sealer has chained the row. */
  chainPosition: number | null;
  /** HMAC of the content hash under the installation's audit key; null without the key. */
  mac: string | null;
}

/**
 * The installation's audit key (a secret kept in the PKI folder, never in the database): set
 * once at start by the server, the worker and `audit verify` ({@link useAuditKey}). A process
 * without it writes rows without a MAC and cannot check MACs.
 */
let auditKey: Buffer | undefined;

/** Sets (or, with undefined, clears) the audit key of this process. */
export function useAuditKey(key: Uint8Array | undefined): void {
  auditKey = key ? Buffer.from(key) : undefined;
}

/** The audit key in use, if any. */
export function auditKeyInUse(): Buffer | undefined {
  return auditKey;
}

/**
 * The MAC of an audit row: HMAC-SHA256 (hex) under `key` over its content hash
 * (`computeAuditHash(null, row)`). Whoever writes to the database without the key cannot
 * make a row that passes `audit verify`.
 */
export function computeAuditMac(key: Uint8Array, contentHash: string): string {
  return createHmac('sha256', key).update(`qyzmet-audit\n${contentHash}`).digest('hex');
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
 * The hash of an audit row: SHA-256 (hex) over `previousHash` (empty for the first row of
 * the chain), a line feed, and the canonical JSON of
 * { action, actorId, actorKind, details, occurredAt (ISO 8601 UTC), subjectId, subjectType }.
 *
 * Two uses, one formula: a writer stores `computeAuditHash(null, row)` (the content hash of an
 * unsealed row); the sealer stores `computeAuditHash(hash of the row at chain position p - 1,
 * row)` for the row it puts at position p (null for p = 1). Anyone can recompute either from
 * the stored columns; the id and the chain position are not hashed (order is proven by links).
 */
export function computeAuditHash(
  previousHash: string | null,
  row: Omit<AuditEventRow, 'id' | 'hash' | 'previousHash' | 'chainPosition' | 'mac'>,
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

type Executor = Database | Transaction<Tables>;

/**
 * Appends an audit row inside the caller's transaction (the same one as the change it
 * records), so the row commits or rolls back with the change. The row is written unchained
 * (see {@link appendAuditBatch}); the sealer chains it after commit.
 */
export async function appendAudit(trx: Executor, event: AuditEventInput): Promise<AuditEventRow> {
  const [row] = await appendAuditBatch(trx, [event]);
  return row!;
}

/** The insert of one unchained audit row, as the query builder writes it, without `returning`. */
const auditRowInsert =
  'insert into "audit_event" ("occurred_at", "actor_kind", "actor_id", "action", "subject_type",' +
  ' "subject_id", "details", "previous_hash", "hash", "mac") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)';

/**
 * Appends one audit row as {@link appendAudit} does — the same columns, hash and MAC — for a
 * caller that does not need its id back (a read's record, once per page): a statement text
 * written once, not built and compiled by the query builder for every request, and no
 * `returning`.
 */
export async function appendAuditRow(trx: Executor, event: AuditEventInput): Promise<void> {
  const row = auditInsertOf([event]).values[0]!;
  await trx.executeQuery(
    CompiledQuery.raw(auditRowInsert, [
      row.occurred_at,
      row.actor_kind,
      row.actor_id,
      row.action,
      row.subject_type,
      row.subject_id,
      row.details,
      row.previous_hash,
      row.hash,
      row.mac,
    ]),
  );
}

/**
 * Appends several audit rows, in order, with one insert and no lock: each row is written
 * unchained — `previousHash` null, `chainPosition` null and `hash` = `computeAuditHash(null,
 * row)` over its own content — so concurrent writers never wait for one another. The sealer
 * (storage/audit-chain.repository.ts, run by the worker and by `audit verify`) later gives
 * committed rows their chain positions and chained hashes. Pass the transaction of the change
 * (or the root database for a row that records nothing else, e.g. a read).
 */
export async function appendAuditBatch(
  trx: Executor,
  events: readonly AuditEventInput[],
): Promise<AuditEventRow[]> {
  if (events.length === 0) return [];
  const { rows, values } = auditInsertOf(events);
  const inserted = await trx.insertInto('audit_event').values(values).returning('id').execute();
  // Identity values come back in insertion order for a multi-row insert.
  const ids = inserted.map((entry) => entry.id).sort((a, b) => a - b);
  return rows.map((row, index) => ({ id: ids[index]!, chainPosition: null, ...row }));
}

/**
 * The unchained rows of {@link appendAuditBatch} and their insert values, for a caller that
 * writes them as part of a larger statement (e.g. the engine's one write per command).
 */
export function auditInsertOf(events: readonly AuditEventInput[]) {
  // The details as JSON text once: stored as it is, and parsed back for the hash (what a reader
  // of the row gets: no undefined, dates as text) — writing the parsed value out again gives
  // the same text.
  const detailsText = events.map((event) => JSON.stringify(event.details ?? {}));
  const rows = events.map((event, index) => {
    const content = {
      occurredAt: event.occurredAt,
      actorKind: event.actor.kind,
      actorId: event.actor.id ?? null,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId ?? null,
      details: JSON.parse(detailsText[index]!) as JsonObject,
    };
    const hash = computeAuditHash(null, content);
    const mac = auditKey ? computeAuditMac(auditKey, hash) : null;
    return { ...content, previousHash: null, hash, mac };
  });
  const values = rows.map((row, index) => ({
    occurred_at: row.occurredAt,
    actor_kind: row.actorKind,
    actor_id: row.actorId,
    action: row.action,
    subject_type: row.subjectType,
    subject_id: row.subjectId,
    details: detailsText[index]!,
    previous_hash: null,
    hash: row.hash,
    mac: row.mac,
  }));
  return { rows, values };
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
  return rows.map(auditRowOf);
}

/** A stored audit row as the application sees it. */
export function auditRowOf(row: Selectable<Tables['audit_event']>): AuditEventRow {
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
    mac: row.mac,
  };
}
