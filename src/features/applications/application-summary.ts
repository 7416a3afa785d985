import { applicationNow } from '../../engine/application-services.js';
import {
  ApplicationStatus,
  applicationStatusLabels,
  finalStatuses,
} from '../../domain/application/ApplicationStatus.js';
import type { ApplicationListRow } from '../../storage/application-query.repository.js';

const knownStatuses: ReadonlySet<string> = new Set(ApplicationStatus.options);

/**
 * One line of an application list: the projection, labelled, with its overdue flag (counted
 * on the application's own clock: a sandbox application's is shifted, docs/sandbox.md).
 */
export function summaryOf(row: ApplicationListRow, realNow: Date) {
  const now = applicationNow(realNow, row.clockOffsetMs);
  // A list parses every row's status: the schema is asked only about one it does not know.
  const status = knownStatuses.has(row.status)
    ? (row.status as ApplicationStatus)
    : ApplicationStatus.parse(row.status);
  const isRunning = !finalStatuses.has(status) && status !== 'suspended';
  return {
    id: row.id,
    number: row.number,
    regulationId: row.regulationId,
    serviceCode: row.serviceCode,
    regionCode: row.regionCode,
    channel: row.channel,
    status,
    statusLabel: applicationStatusLabels[status],
    applicantIin: row.applicantIin,
    representativeIin: row.representativeIin,
    providerOrganisationId: row.providerOrganisationId,
    frontOfficeId: row.frontOfficeId,
    holderOrganisationId: row.holderOrganisationId,
    currentStepId: row.currentStepId,
    currentActor: row.currentActor,
    executorId: row.executorId,
    submittedAt: row.submittedAt.toISOString(),
    stepDueAt: row.stepDueAt?.toISOString() ?? null,
    dueAt: row.dueAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    isOverdue: isRunning && now.getTime() > row.dueAt.getTime(),
    isSandbox: row.clockOffsetMs !== null,
  };
}
export type ApplicationSummary = ReturnType<typeof summaryOf>;
