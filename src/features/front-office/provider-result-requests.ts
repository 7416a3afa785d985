import { z } from 'zod';
import { applicationStatusLabels } from '../../domain/application/ApplicationStatus.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { findApplicationById } from '../../storage/application.repository.js';
import {
  findResultRequest,
  listProviderResultRequests,
  markResultRequestSentRow,
  type ResultRequestRow,
} from '../../storage/front-office.repository.js';
import { getOrganisation, type ApplicationServices } from '../../engine/application-services.js';
import { indicatorFor, type Indicator } from '../deadlines/deadline-indicator.js';
import { organisationToday } from './front-office-context.js';

/** The provider's staff who see the requests, and those who mark a result sent. */
const viewers: readonly StaffRole[] = [
  StaffRole.registryOffice,
  StaffRole.head,
  StaffRole.executor,
];
const senders: readonly StaffRole[] = [StaffRole.registryOffice, StaffRole.head];

/** One request for a handed-back result, as the provider's back office lists it. */
export interface ProviderResultRequest {
  readonly id: string;
  readonly applicationId: string;
  readonly number: string;
  readonly serviceName: LocalizedText | { kk: string; ru: string; en?: string };
  readonly statusLabel: LocalizedText;
  readonly frontOfficeName: { kk: string; ru: string };
  readonly requestedAt: Date;
  /** The provider's one working day, computed with its calendar when the request was made. */
  readonly dueAt: Date;
  readonly indicator: Indicator;
  readonly sentAt: Date | null;
  readonly canMarkSent: boolean;
}

type Staff = Principal & { kind: 'staff' };

function requireProviderRole(principal: Staff, roles: readonly StaffRole[]): void {
  if (!roles.some((role) => principal.roles.includes(role))) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'role_required', roles: [...roles] });
  }
}

/**
 * The front office's requests for results handed back after the month of storage, addressed to
 * the staff member's organisation (the provider sends the result within one working day: seed
 * 004, annex 2, point 8, item 4): open ones first, by due, with the deadline indicator.
 */
export async function listResultRequestsForProvider(
  services: ApplicationServices,
  principal: Staff,
): Promise<ProviderResultRequest[]> {
  requireProviderRole(principal, viewers);
  const { time, now } = await organisationToday(services, principal.organisationId);
  const rows = await listProviderResultRequests(services.db, principal.organisationId, 200);
  const result: ProviderResultRequest[] = [];
  for (const row of rows) {
    const application = await findApplicationById(services.db, row.applicationId);
    if (!application) continue;
    const frontOffice = await getOrganisation(
      services,
      services.db,
      row.frontOfficeId,
      'frontOffice',
    );
    const status = application.status as keyof typeof applicationStatusLabels;
    result.push({
      id: row.id,
      applicationId: row.applicationId,
      number: application.number,
      serviceName: services.regulations.getById(application.regulationId).name,
      statusLabel: applicationStatusLabels[status] ?? applicationStatusLabels.handed_back,
      frontOfficeName: { kk: frontOffice.nameKk, ru: frontOffice.nameRu },
      requestedAt: row.requestedAt,
      dueAt: row.dueAt,
      indicator: row.sentAt ? 'none' : indicatorFor(time, now, row.dueAt, row.requestedAt),
      sentAt: row.sentAt,
      canMarkSent: row.sentAt === null && senders.some((role) => principal.roles.includes(role)),
    });
  }
  return result;
}

/**
 * The provider marks a requested result sent to the front office (registry office or head):
 * audited; marking again changes nothing (idempotent); another organisation's request: not found.
 */
export async function markResultRequestSent(
  services: ApplicationServices,
  principal: Staff,
  requestId: string,
): Promise<ResultRequestRow> {
  requireProviderRole(principal, senders);
  const request = z.string().uuid().safeParse(requestId).success
    ? await findResultRequest(services.db, requestId)
    : undefined;
  if (!request || request.providerOrganisationId !== principal.organisationId) {
    throw new DomainError(ErrorCode.notFound, { resultRequest: requestId });
  }
  if (request.sentAt) return request;
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    if (!(await markResultRequestSentRow(trx, requestId, principal.staffId, now))) return;
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: principal.staffId },
      action: 'provider.result_request_sent',
      subjectType: 'application',
      subjectId: request.applicationId,
      details: {
        requestId,
        dueAt: request.dueAt.toISOString(),
        isLate: now.getTime() > request.dueAt.getTime(),
      },
    });
  });
  return { ...request, sentBy: principal.staffId, sentAt: now };
}
