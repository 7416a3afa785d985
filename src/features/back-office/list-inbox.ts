import { z } from 'zod';
import { addRegulationDuration } from '../../domain/application/term-arithmetic.js';
import type { WorkingTime } from '../../domain/calendar/index.js';
import { DenialReason, type Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { actorRoles, staffRoleForActor } from '../../domain/shared/roles.js';
import {
  listInboxRows,
  type ApplicationListRow,
} from '../../storage/application-query.repository.js';
import {
  getOrganisation,
  workingTimeOf,
  type ApplicationServices,
} from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { summaryOf, type ApplicationSummary } from '../applications/application-summary.js';
import { decodeCursor, pageOf } from '../applications/paging.js';
import { ApplicationListQuery } from '../applications/application-list-query.js';
import { recordRead } from '../../engine/record-read.js';

/** How close to its due an inbox row turns from on time to warning. */
export interface InboxWarningPolicy {
  /** Working days before the due (in the holder's working time). Default 1. */
  readonly workingDays: number;
  /** Share of the step's (or, without a step due, the whole term's) span. Default 0.25. */
  readonly stepFraction: number;
}

export const defaultInboxWarningPolicy: InboxWarningPolicy = { workingDays: 1, stepFraction: 0.25 };

/** The deadline indicator of an inbox row. */
/** `suspended`: the clock is stopped (приостановление); its dues move when it resumes. */
export const DeadlineIndicator = z.enum(['on_time', 'warning', 'overdue', 'suspended']);
export type DeadlineIndicator = z.infer<typeof DeadlineIndicator>;

/** The inbox's paging and filters: those of every list of applications. */
export const InboxQuery = ApplicationListQuery;
export type InboxQuery = z.input<typeof InboxQuery>;

export type InboxItem = ApplicationSummary & {
  urgencyAt: string;
  indicator: DeadlineIndicator;
};

/**
 * The instant up to which a due counts as near: `workingDays` working days from `now` in the
 * holder's working time. Computed once per page.
 */
export function warningHorizon(time: WorkingTime, now: Date, policy: InboxWarningPolicy): number {
  return addRegulationDuration(time, now.getTime(), {
    amount: policy.workingDays,
    unit: 'working_days',
  });
}

/**
 * The indicator of a due: overdue once passed; warning when it is within both thresholds —
 * before `horizon` ({@link warningHorizon}) and within `stepFraction` of the span — i.e.
 * whichever is shorter, so a 15-minute registration warns in its last minutes and a 15-day
 * review on its last working day. The step's span is counted from the projection's last
 * change (the step's start, unless a suspension or extension touched it since).
 */
export function indicatorOf(
  row: ApplicationListRow & { urgencyAt: Date },
  now: Date,
  horizon: number,
  policy: InboxWarningPolicy,
): DeadlineIndicator {
  if (row.status === 'suspended') return 'suspended';
  const due = row.urgencyAt.getTime();
  // A sandbox application's dues are on its own shifted clock (docs/sandbox.md).
  const shift = row.clockOffsetMs ?? 0;
  const remaining = due - (now.getTime() + shift);
  if (remaining < 0) return 'overdue';
  const start = row.stepDueAt ? row.updatedAt.getTime() : row.submittedAt.getTime();
  const isWithinFraction = remaining <= (due - start) * policy.stepFraction;
  return isWithinFraction && horizon + shift >= due ? 'warning' : 'on_time';
}

/**
 * The role inbox of a staff member: applications their organisation holds whose current step
 * is done by one of their roles — executor steps only when assigned to them (or not yet
 * assigned) — most urgent first (the step's due, else the whole due), each with its on-time /
 * warning / overdue indicator; keyset paging. The read is audited once per page.
 */
export async function listInbox(
  services: ApplicationServices,
  principal: Principal,
  rawQuery: InboxQuery,
  policy: InboxWarningPolicy = defaultInboxWarningPolicy,
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const query = parseInput(InboxQuery, rawQuery);
  if (principal.kind !== 'staff') {
    throw new DomainError(ErrorCode.forbidden, { reason: 'inbox_is_for_staff' });
  }
  const actors = actorRoles.filter((actor) => {
    const role = staffRoleForActor(actor);
    return role !== undefined && principal.roles.includes(role);
  });
  // Administrators do not see applications (domain/identity/authorisation.ts): no inbox, as
  // no back office, rather than an empty page whose read is audited.
  if (actors.length === 0) {
    throw new DomainError(ErrorCode.forbidden, { reason: DenialReason.administratorsDoNotAct });
  }
  const now = services.now();
  const [rows, organisation] = await Promise.all([
    listInboxRows(
      services.db,
      { organisationId: principal.organisationId, actors, staffId: principal.staffId },
      decodeCursor(query.cursor),
      query.limit + 1,
      {
        ...(query.service ? { serviceCode: query.service } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.overdue === 'true' ? { overdueAt: now } : {}),
      },
    ),
    getOrganisation(services, services.db, principal.organisationId, 'organisation'),
  ]);
  const page = pageOf(rows, query.limit, (row) => row.urgencyAt);
  const horizon = warningHorizon(workingTimeOf(services, organisation), now, policy);
  await recordRead(services.db, principal, now, {
    subjectId: null,
    details: { query: 'inbox', numbers: page.items.map((row) => row.number) },
  });
  return {
    // The summary is a fresh object: the two fields are added to it, not copied with it.
    items: page.items.map((row): InboxItem =>
      Object.assign(summaryOf(row, now), {
        urgencyAt: row.urgencyAt.toISOString(),
        indicator: indicatorOf(row, now, horizon, policy),
      }),
    ),
    nextCursor: page.nextCursor,
  };
}
