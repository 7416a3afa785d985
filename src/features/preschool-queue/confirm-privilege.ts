import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { confirmPendingPrivilege } from '../../storage/preschool-queue-offer.repository.js';
import type { QueueServices } from './queue-services.js';

/** The district education department's staff confirm a claimed privilege on the documents (issue 19). */
export async function confirmPrivilege(
  services: QueueServices,
  principal: Principal,
  number: string,
) {
  if (principal.kind !== 'staff')
    throw new DomainError(ErrorCode.forbidden, { reason: 'staff_only' });
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const id = await confirmPendingPrivilege(trx, number.slice(0, 40));
    if (!id) throw new DomainError(ErrorCode.conflict, { reason: 'privilege_not_pending' });
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: principal.staffId },
      action: 'preschool_queue.privilege_confirmed',
      subjectType: 'queue_registration',
      subjectId: id,
      details: { number },
    });
  });
}
