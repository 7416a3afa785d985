import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { parseInput } from '../../engine/parse-input.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { lockReferral, markEnrolled } from '../../storage/preschool-queue-offer.repository.js';
import type { QueueServices } from './queue-services.js';

/** A referral number as printed (N-XXXX-XXXX-XX-XX). */
export const ReferralNumber = z
  .string()
  .trim()
  .max(24)
  .toUpperCase()
  .regex(/^N-\d{4}-\d{4}-\d{2}-\d{2}$/);

/**
 * The kindergarten enrols the child on a valid referral (issue 19: «the kindergarten enrols on
 * it»): the child leaves the queue for good and the referral no longer lapses. Only the staff
 * (head or executor) of the kindergarten's organisation; a referral past its validity or
 * already used is a conflict that changes nothing. Audited.
 */
export async function enrolChild(
  services: QueueServices,
  principal: Principal,
  rawReferral: string,
): Promise<{ number: string }> {
  const referralNumber = parseInput(ReferralNumber, rawReferral);
  if (
    principal.kind !== 'staff' ||
    !principal.roles.some((role) => role === StaffRole.head || role === StaffRole.executor)
  ) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'vacancy_staff_only' });
  }
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const referral = await lockReferral(trx, referralNumber);
    if (!referral || referral.organisationId !== principal.organisationId)
      throw new DomainError(ErrorCode.notFound, { reason: 'queue_referral_unknown' });
    if (
      referral.status !== 'accepted' ||
      referral.registrationStatus !== 'referred' ||
      !referral.validUntil ||
      referral.validUntil.getTime() <= now.getTime()
    ) {
      throw new DomainError(ErrorCode.conflict, {
        reason: 'referral_not_valid',
        status: referral.registrationStatus,
      });
    }
    await markEnrolled(trx, referral.registrationId, now);
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: principal.staffId },
      action: 'preschool_queue.enrolled',
      subjectType: 'queue_offer',
      subjectId: referral.id,
      details: { referral: referralNumber, kindergarten: referral.kindergartenId },
    });
    return { number: referral.number };
  });
}
