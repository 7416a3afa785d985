import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { listApplicantRows } from '../../storage/application-query.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { summaryOf, type ApplicationSummary } from './application-summary.js';
import { ApplicationListQuery } from './application-list-query.js';
import { decodeCursor, pageOf } from './paging.js';

/** Paging of a citizen's list: the same as the inbox's. */
export const MyApplicationsQuery = ApplicationListQuery;

/**
 * A citizen's own applications — as applicant or as representative — newest first, with
 * keyset paging. Only for a signed-in citizen.
 */
export async function listMyApplications(
  services: ApplicationServices,
  principal: Principal,
  rawQuery: unknown,
): Promise<{ items: ApplicationSummary[]; nextCursor: string | null }> {
  const query = parseInput(MyApplicationsQuery, rawQuery);
  if (principal.kind !== 'citizen') {
    throw new DomainError(ErrorCode.forbidden, { reason: 'for_citizens' });
  }
  const now = services.now();
  const rows = await listApplicantRows(
    services.db,
    principal.iin,
    decodeCursor(query.cursor),
    query.limit + 1,
  );
  const page = pageOf(rows, query.limit, (row) => row.submittedAt);
  return { items: page.items.map((row) => summaryOf(row, now)), nextCursor: page.nextCursor };
}
