import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { hasNotification, markNotificationRead } from '../../storage/notification.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';

export const MarkNotificationReadInput = z.object({ notificationId: z.uuid() }).strict();

/**
 * The citizen marks one of their notifications read; audited ('notification.read'). Marking
 * again changes nothing. Another person's notification, or an unknown one, is not found and
 * nothing changes.
 */
export async function markMyNotificationRead(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof MarkNotificationReadInput>,
): Promise<{ notificationId: string; changed: boolean }> {
  if (principal.kind !== 'citizen') {
    throw new DomainError(ErrorCode.forbidden, { reason: 'for_citizens' });
  }
  const input = parseInput(MarkNotificationReadInput, rawInput);
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const marked = await markNotificationRead(trx, input.notificationId, principal.iin, now);
    if (!marked) {
      if (!(await hasNotification(trx, input.notificationId, principal.iin))) {
        throw new DomainError(ErrorCode.notFound, { notificationId: input.notificationId });
      }
      return { notificationId: input.notificationId, changed: false };
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: principal.iin },
      action: 'notification.read',
      subjectType: 'notification',
      subjectId: marked.id,
      details: { applicationId: marked.applicationId },
    });
    return { notificationId: marked.id, changed: true };
  });
}
