import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Row = Tables['gateway_call'];

export interface GatewayCallRow {
  id: number;
  system: Row['system'];
  operation: string;
  adapter: string;
  startedAt: Date;
  durationMs: number;
  outcome: Row['outcome'];
  errorCode: string | null;
  errorMessage: string | null;
  subjectRef: string | null;
  correlationId: string | null;
}

/** Writes one gateway call. */
export async function insertGatewayCall(
  db: Database,
  call: Omit<
    GatewayCallRow,
    'id' | 'errorCode' | 'errorMessage' | 'subjectRef' | 'correlationId'
  > & {
    errorCode?: string;
    errorMessage?: string;
    subjectRef?: string;
    correlationId?: string;
  },
): Promise<void> {
  await db
    .insertInto('gateway_call')
    .values({
      system: call.system,
      operation: call.operation,
      adapter: call.adapter,
      started_at: call.startedAt,
      duration_ms: Math.round(call.durationMs),
      outcome: call.outcome,
      error_code: call.errorCode ?? null,
      error_message: call.errorMessage?.slice(0, 1000) ?? null,
      subject_ref: call.subjectRef ?? null,
      correlation_id: call.correlationId ?? null,
    })
    .execute();
}

/** Gateway calls, oldest first, optionally for one correlation id. */
export async function listGatewayCalls(
  db: Database,
  filter: { correlationId?: string } = {},
): Promise<GatewayCallRow[]> {
  let query = db.selectFrom('gateway_call').selectAll().orderBy('id');
  if (filter.correlationId) query = query.where('correlation_id', '=', filter.correlationId);
  return (await query.execute()).map((row) => ({
    id: row.id,
    system: row.system,
    operation: row.operation,
    adapter: row.adapter,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    outcome: row.outcome,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    subjectRef: row.subject_ref,
    correlationId: row.correlation_id,
  }));
}
