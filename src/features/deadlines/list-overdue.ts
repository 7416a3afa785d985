import { watchedStatuses } from '../../domain/application/deadline-watch.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { Database } from '../../storage/db.js';
import { listOverdueApplications, type OverdueRow } from '../../storage/deadline.repository.js';
import { deadlineListScope, type Page } from './deadline-scope.js';

/** An overdue application in the back office's list (numbers and dues only: no personal data). */
export type OverdueApplication = OverdueRow;

/**
 * The overdue list of the back office: applications held or provided by the staff member's
 * organisation (a region administrator: the region) that are past the current step's due or
 * the whole term's due now, the most overdue first, with whether they were escalated.
 * Computed from the current dues, so it is exact even between rounds of the deadline watch.
 */
export async function listOverdue(
  services: { readonly db: Database; readonly now: () => Date },
  principal: Principal,
  page: Page = {},
): Promise<OverdueApplication[]> {
  const scope = deadlineListScope(principal, page);
  return listOverdueApplications(services.db, {
    ...scope,
    now: services.now(),
    statuses: watchedStatuses,
  });
}
