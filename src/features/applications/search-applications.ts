import { z } from 'zod';
import { ApplicationStatus } from '../../domain/application/ApplicationStatus.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { ServiceCode } from '../../domain/regulation/ServiceCode.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { searchApplicationRows } from '../../storage/application-query.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { summaryOf, type ApplicationSummary } from './application-summary.js';
import { decodeCursor, PageLimit, pageOf } from './paging.js';
import { recordRead } from '../../engine/record-read.js';

const flag = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((value) => value === 'true'),
]);

/** Filters of GET /applications (query-string values). */
export const ApplicationSearchQuery = z
  .object({
    status: z
      .union([ApplicationStatus, z.array(ApplicationStatus)])
      .optional()
      .describe('One status or several (repeat the parameter)'),
    service: ServiceCode.optional().describe('Service code'),
    organisation: z.string().min(1).optional().describe('Provider organisation id'),
    overdue: flag.optional().describe('true: open and past the total due; false: not overdue'),
    submittedFrom: z.iso.datetime({ offset: true }).optional().describe('Submitted at or after'),
    submittedBefore: z.iso.datetime({ offset: true }).optional().describe('Submitted before'),
    limit: PageLimit.describe('Page size, 1…100'),
    cursor: z.string().optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type ApplicationSearchQuery = z.input<typeof ApplicationSearchQuery>;

const administratorRoles: readonly string[] = [
  StaffRole.regionAdministrator,
  StaffRole.systemAdministrator,
];

/**
 * Searches the applications a staff member may see — those provided by or accepted at their
 * organisation — by status, service, provider, overdue and submission period, newest first,
 * with keyset paging. Citizens use their own list; administrators see no applications. The
 * read is audited once per page with the filters and the numbers returned.
 */
export async function searchApplications(
  services: ApplicationServices,
  principal: Principal,
  rawQuery: ApplicationSearchQuery,
): Promise<{ items: ApplicationSummary[]; nextCursor: string | null }> {
  const query = parseInput(ApplicationSearchQuery, rawQuery);
  if (
    principal.kind === 'citizen' ||
    (principal.kind === 'staff' &&
      principal.roles.every((role) => administratorRoles.includes(role)))
  ) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'search_is_for_staff' });
  }
  const now = services.now();
  const rows = await searchApplicationRows(
    services.db,
    {
      ...(principal.kind === 'staff' ? { visibleToOrganisationId: principal.organisationId } : {}),
      ...(query.status !== undefined
        ? { statuses: Array.isArray(query.status) ? query.status : [query.status] }
        : {}),
      ...(query.service ? { serviceCode: query.service } : {}),
      ...(query.organisation ? { providerOrganisationId: query.organisation } : {}),
      ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
      ...(query.submittedFrom ? { submittedFrom: new Date(query.submittedFrom) } : {}),
      ...(query.submittedBefore ? { submittedBefore: new Date(query.submittedBefore) } : {}),
    },
    now,
    decodeCursor(query.cursor),
    query.limit + 1,
  );
  const page = pageOf(rows, query.limit, (row) => row.submittedAt);
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  await recordRead(services.db, principal, now, {
    subjectId: null,
    details: { query: 'search', filters, numbers: page.items.map((row) => row.number) },
  });
  return { items: page.items.map((row) => summaryOf(row, now)), nextCursor: page.nextCursor };
}
