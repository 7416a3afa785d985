import type { Principal } from '../../domain/identity/authorisation.js';
import type { Database } from '../../storage/db.js';
import { listEscalationRows, type EscalationRow } from '../../storage/deadline.repository.js';
import { deadlineListScope, type Page } from './deadline-scope.js';

export type Escalation = EscalationRow;

/**
 * Escalations of overdue deadlines to the staff member's organisation (a region
 * administrator: every organisation of the region), newest first.
 */
export async function listEscalations(
  services: { readonly db: Database },
  principal: Principal,
  page: Page = {},
): Promise<Escalation[]> {
  return listEscalationRows(services.db, deadlineListScope(principal, page));
}
