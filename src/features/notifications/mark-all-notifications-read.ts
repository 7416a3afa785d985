import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { markNotificationsReadUpTo } from '../../storage/notification.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';

export const MarkAllNotificationsReadInput = z
  .object({
    /** The newest notification the citizen was shown (its position): later ones stay unread. */
    upToPosition: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

/**
 * "Mark all as read" (issue 18, point 7): the citizen marks read every unread notification of
 * theirs up to the newest one the page showed, in one transaction with one audit row
 * ('notification.read_all', with how many and up to which position). Nothing unread: nothing
 * changes and nothing is audited. Only the citizen's own notifications are touched.
 */
export async function markAllMyNotificationsRead(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof MarkAllNotificationsReadInput>,
): Promise<{ count: number }> {
  if (principal.kind !== 'citizen') {
    throw new DomainError(ErrorCode.forbidden, { reason: 'for_citizens' });
  }
  const input = parseInput(MarkAllNotificationsReadInput, rawInput);
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const ids = await markNotificationsReadUpTo(trx, principal.iin, input.upToPosition, now);
    if (ids.length === 0) return { count: 0 };
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: principal.iin },
      action: 'notification.read_all',
      subjectType: 'notification',
      subjectId: null,
      details: { count: ids.length, upToPosition: input.upToPosition },
    });
    return { count: ids.length };
  });
}
