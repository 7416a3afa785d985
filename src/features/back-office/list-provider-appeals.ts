import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { listAppealsOfProvider } from '../../storage/appeal.repository.js';
import { applicationNow, type ApplicationServices } from '../../engine/application-services.js';

/** One appeal in the provider's list. */
export interface ProviderAppealRow {
  readonly id: string;
  readonly applicationId: string;
  readonly number: string;
  readonly serviceName: { kk: string; ru: string; en?: string } | undefined;
  readonly status: 'submitted' | 'upheld' | 'rejected';
  readonly submittedAt: Date;
  readonly dueAt: Date;
  readonly decidedAt: Date | null;
  /** Waiting past its 5 working days. */
  readonly isOverdue: boolean;
}

/**
 * The appeals against the applications the staff member's organisation provides: the ones
 * waiting for a decision first, earliest due first. Staff of other organisations' applications
 * see nothing of them.
 */
export async function listProviderAppeals(
  services: ApplicationServices,
  principal: Principal,
  options: { limit?: number } = {},
): Promise<ProviderAppealRow[]> {
  if (principal.kind !== 'staff') throw new DomainError(ErrorCode.forbidden, {});
  const now = services.now();
  const rows = await listAppealsOfProvider(services.db, principal.organisationId, {
    limit: Math.min(options.limit ?? 100, 500),
  });
  return rows.map((row) => ({
    id: row.id,
    applicationId: row.application_id,
    number: row.number,
    serviceName: services.regulations.findById(row.regulation_id)?.name,
    status: row.status,
    submittedAt: row.submitted_at,
    dueAt: row.due_at,
    decidedAt: row.decided_at,
    // A sandbox application's appeal is due on its own clock (docs/sandbox.md).
    isOverdue:
      row.status === 'submitted' &&
      applicationNow(now, row.clock_offset_ms).getTime() > row.due_at.getTime(),
  }));
}
