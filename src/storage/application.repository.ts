import { CompiledQuery, sql, type Selectable, type Transaction } from 'kysely';
import type { ApplicationEvent } from '../domain/application/ApplicationEvent.js';
import { keepPrepared, type Database } from './db.js';
import type { JsonObject, Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** The projection columns written after each fold. */
export interface ApplicationProjection {
  holderOrganisationId: string;
  status: string;
  currentStepId: string | null;
  currentActor: string | null;
  executorId: string | null;
  stepDueAt: Date | null;
  dueAt: Date;
  endedAt: Date | null;
  version: number;
  updatedAt: Date;
}

export interface NewApplication extends ApplicationProjection {
  id: string;
  number: string;
  regulationId: string;
  serviceCode: string;
  regionCode: string;
  channel: string;
  applicantIin: string;
  representativeIin: string | null;
  providerOrganisationId: string;
  frontOfficeId: string | null;
  submittedAt: Date;
  /**
   * Sandbox applications only (docs/sandbox.md): the application's own clock minus the real
   * clock, in milliseconds; null (or absent) for every real application.
   */
  clockOffsetMs?: number | null;
}

export type ApplicationRecord = NewApplication & { clockOffsetMs: number | null };

/** Raised when another command appended to the application first (optimistic concurrency). */
export class ConcurrentAppendError extends Error {
  override name = 'ConcurrentAppendError';
}

/** Numbers taken from the sequence at once, per database handle (see nextApplicationNumber). */
const numberBlockSize = 16;
const numberBlocks = new WeakMap<Database, number[]>();

/**
 * The next human-readable application number: `<year>-<7 digits>`, unique across the system.
 * Numbers come from one sequence, {@link numberBlockSize} at a time per database handle (one
 * round trip per block instead of per application): unique across processes, increasing
 * within a process; a restart may leave a gap.
 */
export async function nextApplicationNumber(
  db: Database,
  executor: Executor,
  year: number,
): Promise<string> {
  if (!numberBlocks.get(db)?.length) {
    const { rows } = await sql<{
      value: number;
    }>`select nextval('application_number_seq')::int8 as value
       from generate_series(1, ${numberBlockSize})`.execute(executor);
    // A concurrent command may have fetched a block meanwhile: keep both, lowest first.
    const block = [...(numberBlocks.get(db) ?? []), ...rows.map((row) => row.value)];
    numberBlocks.set(
      db,
      block.sort((a, b) => a - b),
    );
  }
  const value = numberBlocks.get(db)!.shift()!;
  return `${year}-${String(value).padStart(7, '0')}`;
}

/** The insert values of a new application row. */
export function applicationValues(application: NewApplication) {
  return {
    id: application.id,
    number: application.number,
    regulation_id: application.regulationId,
    service_code: application.serviceCode,
    region_code: application.regionCode,
    channel: application.channel,
    applicant_iin: application.applicantIin,
    representative_iin: application.representativeIin,
    provider_organisation_id: application.providerOrganisationId,
    front_office_id: application.frontOfficeId,
    submitted_at: application.submittedAt,
    ...(application.clockOffsetMs !== undefined && application.clockOffsetMs !== null
      ? { clock_offset_ms: application.clockOffsetMs }
      : {}),
    ...projectionColumns(application),
  };
}

/** The projection as column values. */
export function projectionColumns(projection: ApplicationProjection) {
  return {
    holder_organisation_id: projection.holderOrganisationId,
    status: projection.status,
    current_step_id: projection.currentStepId,
    current_actor: projection.currentActor,
    executor_id: projection.executorId,
    step_due_at: projection.stepDueAt,
    due_at: projection.dueAt,
    ended_at: projection.endedAt,
    version: projection.version,
    updated_at: projection.updatedAt,
  };
}

/** The insert values of log entries. */
export function eventValues(
  applicationId: string,
  events: readonly ApplicationEvent[],
  recordedAt: Date,
) {
  return events.map(({ sequence, at, actor, ...payload }) => ({
    application_id: applicationId,
    sequence,
    type: payload.type,
    at: new Date(at),
    actor: JSON.stringify(actor),
    payload: JSON.stringify(payload),
    recorded_at: recordedAt,
  }));
}

/** The whole log of an application, oldest first. */
export async function listEvents(db: Executor, applicationId: string): Promise<ApplicationEvent[]> {
  const rows = await db
    .selectFrom('application_event')
    .select(['sequence', 'at', 'actor', 'payload'])
    .where('application_id', '=', applicationId)
    .orderBy('sequence')
    .execute();
  return rows.map(
    (row) =>
      ({
        ...(row.payload as object),
        sequence: row.sequence,
        at: row.at.getTime(),
        actor: row.actor,
      }) as unknown as ApplicationEvent,
  );
}

function toRecord(
  row: Tables['application'] extends infer T ? { [K in keyof T]: unknown } : never,
): ApplicationRecord {
  const r = row as Record<string, unknown>;
  return {
    id: r.id as string,
    number: r.number as string,
    regulationId: r.regulation_id as string,
    serviceCode: r.service_code as string,
    regionCode: r.region_code as string,
    channel: r.channel as string,
    applicantIin: r.applicant_iin as string,
    representativeIin: (r.representative_iin as string | null) ?? null,
    providerOrganisationId: r.provider_organisation_id as string,
    frontOfficeId: (r.front_office_id as string | null) ?? null,
    submittedAt: r.submitted_at as Date,
    holderOrganisationId: r.holder_organisation_id as string,
    status: r.status as string,
    currentStepId: (r.current_step_id as string | null) ?? null,
    currentActor: (r.current_actor as string | null) ?? null,
    executorId: (r.executor_id as string | null) ?? null,
    stepDueAt: (r.step_due_at as Date | null) ?? null,
    dueAt: r.due_at as Date,
    endedAt: (r.ended_at as Date | null) ?? null,
    version: r.version as number,
    updatedAt: r.updated_at as Date,
    clockOffsetMs: (r.clock_offset_ms as number | null | undefined) ?? null,
  };
}

export async function findApplicationById(
  db: Executor,
  id: string,
): Promise<ApplicationRecord | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('application')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

/**
 * The lookup by number — the public status page's statement, one index probe — kept prepared
 * on PostgreSQL: planning it took twice as long as running it (issue 21, docs/performance.md).
 */
const byNumber = keepPrepared('select * from "application" where "number" = $1');

export async function findApplicationByNumber(
  db: Executor,
  number: string,
): Promise<ApplicationRecord | undefined> {
  const { rows } = await db.executeQuery<Selectable<Tables['application']>>(
    CompiledQuery.raw(byNumber, [number]),
  );
  return rows[0] && toRecord(rows[0]);
}

/** The stored answer to a command already executed under this key, if any. */
export async function findCommandReceipt(
  db: Executor,
  principal: string,
  key: string,
): Promise<{ command: string; response: JsonObject } | undefined> {
  return db
    .selectFrom('command_receipt')
    .select(['command', 'response'])
    .where('principal', '=', principal)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** The stored answer of a command, under (principal, idempotency key). */
export interface NewCommandReceipt {
  principal: string;
  key: string;
  command: string;
  applicationId: string | null;
  response: JsonObject;
  createdAt: Date;
}

export async function insertCommandReceipt(
  trx: Executor,
  receipt: NewCommandReceipt,
): Promise<void> {
  await trx.insertInto('command_receipt').values(receiptValues(receipt)).execute();
}

/** The insert values of a command receipt. */
export function receiptValues(receipt: NewCommandReceipt) {
  return {
    principal: receipt.principal,
    idempotency_key: receipt.key,
    command: receipt.command,
    application_id: receipt.applicationId,
    response: JSON.stringify(receipt.response),
    created_at: receipt.createdAt,
  };
}

export interface NewNotification {
  id: string;
  applicationId: string;
  recipientIin: string;
  kind: string;
  status: string;
  message: JsonObject;
  createdAt: Date;
}

/** Notifications of an application, oldest first. */
export async function listNotifications(db: Executor, applicationId: string) {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('position')
    .execute();
}
