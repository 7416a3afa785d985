import { CompiledQuery, sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { ApplicationRecord } from './application.repository.js';
import { keepPrepared, type Database } from './db.js';
import type { Tables } from './schema.js';

/** A row of an application list (projection columns only; no log, no fold). */
export type ApplicationListRow = Omit<ApplicationRecord, 'version'>;

/** The columns of an application list row (search, inbox, front-office lists). */
export const applicationListColumns = [
  'id',
  'number',
  'regulation_id',
  'service_code',
  'region_code',
  'channel',
  'applicant_iin',
  'representative_iin',
  'provider_organisation_id',
  'front_office_id',
  'holder_organisation_id',
  'status',
  'current_step_id',
  'current_actor',
  'executor_id',
  'submitted_at',
  'step_due_at',
  'due_at',
  'ended_at',
  'updated_at',
  'clock_offset_ms',
] as const;

/** An application list row from its columns. */
export function toListRow(
  row: Pick<Selectable<Tables['application']>, (typeof applicationListColumns)[number]>,
) {
  return {
    id: row.id,
    number: row.number,
    regulationId: row.regulation_id,
    serviceCode: row.service_code,
    regionCode: row.region_code,
    channel: row.channel,
    applicantIin: row.applicant_iin,
    representativeIin: row.representative_iin,
    providerOrganisationId: row.provider_organisation_id,
    frontOfficeId: row.front_office_id,
    holderOrganisationId: row.holder_organisation_id,
    status: row.status,
    currentStepId: row.current_step_id,
    currentActor: row.current_actor,
    executorId: row.executor_id,
    submittedAt: row.submitted_at,
    stepDueAt: row.step_due_at,
    dueAt: row.due_at,
    endedAt: row.ended_at,
    updatedAt: row.updated_at,
    clockOffsetMs: row.clock_offset_ms ?? null,
  } satisfies ApplicationListRow;
}

/** Filters of an application search; every one optional, all combined with AND. */
export interface ApplicationFilter {
  /** Applications visible to a staff member: provided by or accepted at this organisation. */
  visibleToOrganisationId?: string;
  statuses?: readonly string[];
  serviceCode?: string;
  providerOrganisationId?: string;
  /** true: open, running (not suspended) and past the total due at `now`; false: not overdue. */
  overdue?: boolean;
  submittedFrom?: Date;
  submittedBefore?: Date;
  /** One application number (the unique number index). */
  number?: string;
  /** The applicant's IIN (the applicant index). */
  applicantIin?: string;
}

/**
 * A page of applications matching `filter`, newest submission first, after the keyset
 * position `after` (exclusive); fetches `limit` rows.
 */
export async function searchApplicationRows(
  db: Database,
  filter: ApplicationFilter,
  now: Date,
  after: { at: Date; id: string } | undefined,
  limit: number,
): Promise<ApplicationListRow[]> {
  const rows = await db
    .selectFrom('application')
    .select(applicationListColumns)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (filter.visibleToOrganisationId) {
        conditions.push(
          eb.or([
            eb('provider_organisation_id', '=', filter.visibleToOrganisationId),
            eb('front_office_id', '=', filter.visibleToOrganisationId),
          ]),
        );
      }
      if (filter.statuses?.length) conditions.push(eb('status', 'in', [...filter.statuses]));
      if (filter.serviceCode) conditions.push(eb('service_code', '=', filter.serviceCode));
      if (filter.providerOrganisationId)
        conditions.push(eb('provider_organisation_id', '=', filter.providerOrganisationId));
      // A suspended application's clock is stopped: its stored due is not yet its due.
      if (filter.overdue === true)
        conditions.push(
          eb.and([
            eb('ended_at', 'is', null),
            eb('status', '<>', 'suspended'),
            eb('due_at', '<', now),
          ]),
        );
      if (filter.overdue === false)
        conditions.push(
          eb.or([
            eb('ended_at', 'is not', null),
            eb('status', '=', 'suspended'),
            eb('due_at', '>=', now),
          ]),
        );
      if (filter.submittedFrom) conditions.push(eb('submitted_at', '>=', filter.submittedFrom));
      if (filter.submittedBefore) conditions.push(eb('submitted_at', '<', filter.submittedBefore));
      if (filter.number !== undefined) conditions.push(eb('number', '=', filter.number));
      if (filter.applicantIin !== undefined)
        conditions.push(eb('applicant_iin', '=', filter.applicantIin));
      if (after)
        conditions.push(sql<SqlBool>`(submitted_at, id) < (${after.at}, ${after.id}::uuid)`);
      return eb.and(conditions);
    })
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toListRow);
}

/** Who a role inbox is for: the organisation, the step actors of the roles, the staff member. */
export interface InboxOwner {
  organisationId: string;
  /** Step actors (ActorRole values) whose steps the member's roles perform. */
  actors: readonly string[];
  /** Executor steps show only when assigned to this staff member (or not assigned yet). */
  staffId: string;
}

/** Optional narrowing of an inbox: one service, one status, only what is past due at an instant. */
export interface InboxFilter {
  readonly serviceCode?: string;
  readonly status?: string;
  readonly overdueAt?: Date;
}

/**
 * A page of the role inbox: applications held by the organisation whose current step is one
 * of `actors` (executor steps only when assigned to the member or unassigned), most urgent
 * first, after `after` (exclusive); fetches `limit` rows, narrowed by `filter`.
 *
 * One ordered index range per branch — each step actor (application_inbox_urgency_idx), the
 * executor's own rows and the unassigned ones (application_inbox_executor_idx) — each cut at
 * `limit`, merged and cut again: at most branches × `limit` rows are read however many the
 * organisation holds, instead of all of them sorted.
 */
export async function listInboxRows(
  db: Database,
  owner: InboxOwner,
  after: { at: Date; id: string } | undefined,
  limit: number,
  filter: InboxFilter = {},
): Promise<(ApplicationListRow & { urgencyAt: Date })[]> {
  if (owner.actors.length === 0) return [];
  const { sql: text, parameters } = inboxStatement(owner, after, limit, filter);
  const { rows } = await db.executeQuery<InboxRow>(CompiledQuery.raw(text, parameters));
  return rows.map(toInboxRow);
}

type InboxRow = Selectable<Tables['application']> & { urgency_at: Date };

/** An inbox row from its columns: the list row and its urgency, one object. */
function toInboxRow(row: InboxRow): ApplicationListRow & { urgencyAt: Date } {
  const listRow: ApplicationListRow & { urgencyAt?: Date } = toListRow(row);
  listRow.urgencyAt = row.urgency_at;
  return listRow as ApplicationListRow & { urgencyAt: Date };
}

/**
 * The inbox statement's text for each shape — how many step actors, the executor's two
 * branches or not, which filters, a cursor or not — written once per process: the same for
 * every page of that shape, only the parameters differ (issue 21: building and compiling it
 * with the query builder was a tenth of a page's CPU). Bounded: the shapes are few.
 */
const inboxStatements = new Map<string, string>();

const inboxColumns = applicationListColumns.map((column) => `"${column}"`).join(', ');

/** The inbox statement of a page and its parameters (see {@link listInboxRows}). */
export function inboxStatement(
  owner: InboxOwner,
  after: { at: Date; id: string } | undefined,
  limit: number,
  filter: InboxFilter,
): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [owner.organisationId, limit];
  const next = (value: unknown) => `$${parameters.push(value)}`;
  const actors = owner.actors.filter((actor) => actor !== 'executor').map(next);
  const withExecutor = owner.actors.includes('executor');
  const staff = withExecutor ? next(owner.staffId) : '';
  const service = filter.serviceCode !== undefined ? next(filter.serviceCode) : undefined;
  const status = filter.status !== undefined ? next(filter.status) : undefined;
  const overdueAt = filter.overdueAt !== undefined ? next(filter.overdueAt) : undefined;
  const position = after !== undefined ? [next(after.at), next(after.id)] : undefined;
  const key = `${actors.length} ${withExecutor} ${!!service} ${!!status} ${!!overdueAt} ${!!position}`;
  let text = inboxStatements.get(key);
  if (text === undefined) {
    const urgencyOrder = 'coalesce(step_due_at, due_at)';
    const conditions = [
      ...(service ? [`"service_code" = ${service}`] : []),
      ...(status ? [`"status" = ${status}`] : []),
      ...(overdueAt ? [`${urgencyOrder} < ${overdueAt}`, `"status" <> 'suspended'`] : []),
      ...(position ? [`(${urgencyOrder}, id) > (${position[0]}, ${position[1]}::uuid)`] : []),
    ];
    // One ordered index range per branch (application_inbox_urgency_idx for a step actor,
    // application_inbox_executor_idx for the executor's own and unassigned rows: its
    // predicate names 'executor', so the statement does too).
    const branch = (byActor: string) =>
      `(select ${inboxColumns}, ${urgencyOrder} as "urgency_at" from "application"` +
      ` where "holder_organisation_id" = $1 and "current_step_id" is not null and ${byActor}` +
      conditions.map((condition) => ` and ${condition}`).join('') +
      ` order by ${urgencyOrder}, "id" limit $2)`;
    const branches = actors.map((actor) => branch(`"current_actor" = ${actor}`));
    if (withExecutor) {
      branches.push(
        branch(`("current_actor" = 'executor' and "executor_id" = ${staff})`),
        branch(`("current_actor" = 'executor' and "executor_id" is null)`),
      );
    }
    text = `select * from (${branches.join(' union all ')}) as inbox order by urgency_at, id limit $2`;
    // Unfiltered, its plan is the same for every organisation and page — ordered index
    // ranges merged — so PostgreSQL keeps it prepared (planning it took longer than running
    // it). A filter's selectivity may call for another plan (a bitmap scan and a sort for a
    // rare status): filtered shapes are planned with their values, each time.
    if (!service && !status && !overdueAt) keepPrepared(text);
    if (inboxStatements.size < 64) inboxStatements.set(key, text);
  }
  return { sql: text, parameters };
}

/** A page of a citizen's applications (as applicant or representative), newest first. */
export async function listApplicantRows(
  db: Database,
  iin: string,
  after: { at: Date; id: string } | undefined,
  limit: number,
): Promise<ApplicationListRow[]> {
  const rows = await db
    .selectFrom('application')
    .select(applicationListColumns)
    .where((eb) => eb.or([eb('applicant_iin', '=', iin), eb('representative_iin', '=', iin)]))
    .$if(after !== undefined, (query) =>
      query.where(sql<SqlBool>`(submitted_at, id) < (${after!.at}, ${after!.id}::uuid)`),
    )
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toListRow);
}

/**
 * How many open applications (not ended) of the provider each of `executorIds` is appointed
 * to: the head's view of the executors' current workload. Executors without any are absent.
 */
export async function countOpenApplicationsByExecutor(
  db: Database,
  providerOrganisationId: string,
  executorIds: readonly string[],
): Promise<Map<string, number>> {
  if (executorIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('application')
    .select(['executor_id', (eb) => eb.fn.countAll<string | number>().as('open')])
    .where('provider_organisation_id', '=', providerOrganisationId)
    .where('executor_id', 'in', [...executorIds])
    .where('ended_at', 'is', null)
    .groupBy('executor_id')
    .execute();
  return new Map(rows.map((row) => [row.executor_id!, Number(row.open)]));
}
