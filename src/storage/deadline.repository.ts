import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;
type Scope = 'step' | 'total';
type Kind = 'warning' | 'overdue' | 'escalated';

/** An application with a deadline close enough to watch. */
export interface DeadlineCandidate {
  id: string;
  number: string;
  status: string;
  holderOrganisationId: string;
  currentStepId: string | null;
  submittedAt: Date;
  dueAt: Date;
  stepDueAt: Date | null;
  /** When the current step began: the last submission or step completion. */
  stepStartedAt: Date;
  /**
   * A sandbox application's clock offset (docs/sandbox.md), ≤ 0: its dues are on its own clock,
   * earlier than the real one, so the horizon above never misses them. Null otherwise.
   */
  clockOffsetMs: number | null;
}

/**
 * Applications in `statuses`, not ended, whose step or total due is before `horizon` and whose
 * escalation for that due has not fired yet; `limit` at a time, by id after `afterId`.
 */
export async function listDeadlineCandidates(
  db: Executor,
  query: { horizon: Date; statuses: readonly string[]; afterId: string | null; limit: number },
): Promise<DeadlineCandidate[]> {
  const { rows } = await sql<DeadlineCandidate>`
    select a.id, a.number, a.status, a.holder_organisation_id as "holderOrganisationId",
           a.current_step_id as "currentStepId", a.submitted_at as "submittedAt",
           a.due_at as "dueAt", a.step_due_at as "stepDueAt",
           a.clock_offset_ms as "clockOffsetMs",
           (select max(e.at) from application_event e
             where e.application_id = a.id and e.type in ('submitted', 'step_completed'))
             as "stepStartedAt"
      from application a
     where a.ended_at is null
       and a.status in (${sql.join(query.statuses)})
       and a.id > ${query.afterId ?? '00000000-0000-0000-0000-000000000000'}
       and ((a.due_at <= ${query.horizon} and not exists (
               select 1 from deadline_marker m
                where m.application_id = a.id and m.scope = 'total' and m.step_id = ''
                  and m.due_at = a.due_at and m.kind = 'escalated'))
         or (a.step_due_at <= ${query.horizon} and not exists (
               select 1 from deadline_marker m
                where m.application_id = a.id and m.scope = 'step' and m.step_id = a.current_step_id
                  and m.due_at = a.step_due_at and m.kind = 'escalated')))
     order by a.id
     limit ${query.limit}`.execute(db);
  return rows;
}

/**
 * Locks an application row for this worker, or undefined when another worker (or a command)
 * holds it: that one will decide, this one moves on. Returns what a watcher must re-check.
 */
export async function lockApplicationRow(
  trx: Transaction<Tables>,
  id: string,
): Promise<
  | {
      version: number;
      status: string;
      endedAt: Date | null;
      dueAt: Date;
      stepDueAt: Date | null;
      currentStepId: string | null;
    }
  | undefined
> {
  const { rows } = await sql<{
    version: number;
    status: string;
    endedAt: Date | null;
    dueAt: Date;
    stepDueAt: Date | null;
    currentStepId: string | null;
  }>`select version, status, ended_at as "endedAt", due_at as "dueAt", step_due_at as "stepDueAt",
            current_step_id as "currentStepId"
       from application where id = ${id} for update skip locked`.execute(trx);
  return rows[0];
}

/** The markers already fired for one deadline. */
export async function listFiredMarkers(
  db: Executor,
  deadline: { applicationId: string; scope: Scope; stepId: string; dueAt: Date },
): Promise<Kind[]> {
  const rows = await db
    .selectFrom('deadline_marker')
    .select('kind')
    .where('application_id', '=', deadline.applicationId)
    .where('scope', '=', deadline.scope)
    .where('step_id', '=', deadline.stepId)
    .where('due_at', '=', deadline.dueAt)
    .execute();
  return rows.map((row) => row.kind);
}

/** Records a marker; false when it had already fired (the primary key makes it once-only). */
export async function insertDeadlineMarker(
  trx: Executor,
  marker: {
    applicationId: string;
    scope: Scope;
    stepId: string;
    dueAt: Date;
    kind: Kind;
    holderOrganisationId: string;
    firedAt: Date;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('deadline_marker')
    .values({
      application_id: marker.applicationId,
      scope: marker.scope,
      step_id: marker.stepId,
      due_at: marker.dueAt,
      kind: marker.kind,
      holder_organisation_id: marker.holderOrganisationId,
      fired_at: marker.firedAt,
    })
    .onConflict((conflict) => conflict.doNothing())
    .returning('kind')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Records an escalation; returns its id. */
export async function insertEscalation(
  trx: Executor,
  escalation: {
    applicationId: string;
    organisationId: string;
    scope: Scope;
    stepId: string;
    dueAt: Date;
    headStaffIds: string[];
    escalatedAt: Date;
  },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('escalation')
    .values({
      id,
      application_id: escalation.applicationId,
      organisation_id: escalation.organisationId,
      scope: escalation.scope,
      step_id: escalation.stepId,
      due_at: escalation.dueAt,
      head_staff_ids: JSON.stringify(escalation.headStaffIds),
      escalated_at: escalation.escalatedAt,
    })
    .onConflict((conflict) =>
      conflict.columns(['application_id', 'scope', 'step_id', 'due_at']).doNothing(),
    )
    .execute();
  return id;
}

/** Active staff holding the head role in an organisation. */
export async function listHeadsOf(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_account')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('is_active', '=', true)
    .where(sql<boolean>`'head' = any(roles)`)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** An overdue application as the back office lists it (no personal data). */
export interface OverdueRow {
  id: string;
  number: string;
  serviceCode: string;
  regulationId: string;
  status: string;
  holderOrganisationId: string;
  providerOrganisationId: string;
  currentStepId: string | null;
  currentActor: string | null;
  dueAt: Date;
  stepDueAt: Date | null;
  isTotalOverdue: boolean;
  isStepOverdue: boolean;
  isEscalated: boolean;
}

/** Not-ended applications past their step or total due, held or provided by the organisations (or in a region). */
export async function listOverdueApplications(
  db: Executor,
  query: {
    now: Date;
    statuses: readonly string[];
    organisationId?: string;
    regionCode?: string;
    limit: number;
    offset: number;
  },
): Promise<OverdueRow[]> {
  const scope = query.organisationId
    ? sql`(a.holder_organisation_id = ${query.organisationId} or a.provider_organisation_id = ${query.organisationId})`
    : sql`a.region_code = ${query.regionCode ?? ''}`;
  const { rows } = await sql<OverdueRow>`
    select a.id, a.number, a.service_code as "serviceCode", a.regulation_id as "regulationId",
           a.status, a.holder_organisation_id as "holderOrganisationId",
           a.provider_organisation_id as "providerOrganisationId",
           a.current_step_id as "currentStepId", a.current_actor as "currentActor",
           a.due_at as "dueAt", a.step_due_at as "stepDueAt",
           a.due_at <= ${query.now} as "isTotalOverdue",
           coalesce(a.step_due_at <= ${query.now}, false) as "isStepOverdue",
           exists (select 1 from escalation x where x.application_id = a.id
                    and (x.due_at = a.due_at or x.due_at = a.step_due_at)) as "isEscalated"
      from application a
     where a.ended_at is null
       and a.status in (${sql.join(query.statuses)})
       and (a.due_at <= ${query.now} or a.step_due_at <= ${query.now})
       and ${scope}
     order by least(a.due_at, coalesce(a.step_due_at, a.due_at)), a.id
     limit ${query.limit} offset ${query.offset}`.execute(db);
  return rows;
}

/** An escalation as the back office lists it. */
export interface EscalationRow {
  id: string;
  applicationId: string;
  number: string;
  /** The application's regulation version (to name its steps). */
  regulationId: string;
  organisationId: string;
  scope: Scope;
  stepId: string;
  dueAt: Date;
  headStaffIds: string[];
  escalatedAt: Date;
  status: string;
}

/** Escalations to an organisation (or within a region), newest first. */
export async function listEscalationRows(
  db: Executor,
  query: { organisationId?: string; regionCode?: string; limit: number; offset: number },
): Promise<EscalationRow[]> {
  const scope = query.organisationId
    ? sql`x.organisation_id = ${query.organisationId}`
    : sql`a.region_code = ${query.regionCode ?? ''}`;
  const { rows } = await sql<EscalationRow>`
    select x.id, x.application_id as "applicationId", a.number, a.regulation_id as "regulationId",
           x.organisation_id as "organisationId",
           x.scope, x.step_id as "stepId", x.due_at as "dueAt", x.head_staff_ids as "headStaffIds",
           x.escalated_at as "escalatedAt", a.status
      from escalation x join application a on a.id = x.application_id
     where ${scope}
     order by x.escalated_at desc, x.id
     limit ${query.limit} offset ${query.offset}`.execute(db);
  return rows;
}

/**
 * Applications whose result waits at a front-office step (status result_ready, the front-office
 * operator to act) under one of `regulationIds`; `limit` at a time by id after `afterId`.
 */
export async function listStoredResults(
  db: Executor,
  query: { regulationIds: readonly string[]; afterId: string | null; limit: number },
): Promise<{ id: string }[]> {
  if (query.regulationIds.length === 0) return [];
  let select = db
    .selectFrom('application')
    .select('id')
    .where('status', '=', 'result_ready')
    .where('current_actor', '=', 'front_office_operator')
    .where('front_office_id', 'is not', null)
    .where('regulation_id', 'in', [...query.regulationIds]);
  if (query.afterId) select = select.where('id', '>', query.afterId);
  return select.orderBy('id').limit(query.limit).execute();
}
