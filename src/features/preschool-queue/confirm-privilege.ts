import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { parseInput } from '../../engine/parse-input.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { enqueueMessage } from '../../storage/outbox.repository.js';
import { insertQueueMessage } from '../../storage/preschool-queue-offer.repository.js';
import {
  decidePendingPrivilege,
  findRegistrationForPrivilege,
  listPendingPrivileges,
} from '../../storage/preschool-queue-privilege.repository.js';
import { SlipNumber } from './lookup-position.js';
import type { QueueServices } from './queue-services.js';

/** Who in the district education department decides on privileges. */
const privilegeRoles: readonly StaffRole[] = [StaffRole.head, StaffRole.executor];

/** The department's decision on a claimed privilege. */
export const PrivilegeDecision = z
  .object({
    number: SlipNumber,
    decision: z.enum(['confirm', 'reject']),
  })
  .strict();
export type PrivilegeDecision = z.infer<typeof PrivilegeDecision>;

/** The parent's cabinet message (and SMS, kk/ru) of the decision, in kk/ru/en. */
export const privilegeDecisionMessage = {
  confirm: {
    kk: 'Жеңілдік құжаттармен расталды: бала өз санаты бойынша кезекте тұр.',
    ru: 'Льгота подтверждена документами: ребёнок стоит в очереди по своей категории.',
    en: 'The privilege is confirmed by the documents: the child keeps its category in the queue.',
  },
  reject: {
    kk: 'Жеңілдік расталмады: бала тіркелген уақыты бойынша жалпы кезекке ауыстырылды.',
    ru: 'Льгота не подтверждена: ребёнок переведён в общую очередь по времени постановки.',
    en: 'The privilege is not confirmed: the child moved to the general queue at its registration time.',
  },
} as const;

function requireDepartmentStaff(principal: Principal) {
  if (principal.kind !== 'staff' || !principal.roles.some((role) => privilegeRoles.includes(role)))
    throw new DomainError(ErrorCode.forbidden, { reason: 'department_staff_only' });
  return principal;
}

/**
 * The claimed privileges awaiting confirmation by documents in the districts whose queue the
 * staff member's department keeps, the nearest deadline first (issue 19: 5 working days).
 * The child's IIN and birth date are shown: they are what the documents are checked against.
 */
export async function listPrivilegesToConfirm(
  services: Pick<QueueServices, 'db'>,
  principal: Principal,
) {
  const staff = requireDepartmentStaff(principal);
  return listPendingPrivileges(services.db, staff.organisationId);
}

/**
 * The district education department's staff confirm a claimed privilege on the documents, or
 * reject it (issue 19): a rejected privilege is lost at once and the child ranks in the general
 * queue at its original registration time. Only the department keeping the slip's district
 * decides (another's slip is not found); a privilege already decided, or whose confirmation
 * deadline has passed (the deadline watch takes it), is a conflict. One transaction: the
 * decision, the audit row, the cabinet message and the SMS.
 */
export async function decidePrivilege(
  services: QueueServices,
  principal: Principal,
  rawInput: z.input<typeof PrivilegeDecision>,
) {
  const staff = requireDepartmentStaff(principal);
  const input = parseInput(PrivilegeDecision, rawInput);
  return services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const registration = await findRegistrationForPrivilege(trx, input.number);
    if (!registration || registration.departmentOrganisationId !== staff.organisationId)
      throw new DomainError(ErrorCode.notFound, { reason: 'queue_slip_unknown' });
    if (
      registration.privilege !== 'pending' ||
      !['waiting', 'offered', 'referred'].includes(registration.status)
    )
      throw new DomainError(ErrorCode.conflict, {
        reason: 'privilege_not_pending',
        privilege: registration.privilege,
      });
    if (registration.due && registration.due <= now)
      throw new DomainError(ErrorCode.conflict, { reason: 'privilege_confirmation_overdue' });
    if (!(await decidePendingPrivilege(trx, registration.id, input.decision, now)))
      throw new DomainError(ErrorCode.conflict, { reason: 'privilege_not_pending' });
    const message = privilegeDecisionMessage[input.decision];
    await insertQueueMessage(trx, {
      registrationId: registration.id,
      kind: input.decision === 'confirm' ? 'privilege_confirmed' : 'privilege_rejected',
      message: { ...message },
      at: now,
    });
    if (registration.phone) {
      await enqueueMessage(trx, {
        channel: 'sms',
        recipient: registration.phone,
        body: `Qyzmet: ${message.kk} / ${message.ru}`,
        now,
      });
    }
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: staff.staffId },
      action:
        input.decision === 'confirm'
          ? 'preschool_queue.privilege_confirmed'
          : 'preschool_queue.privilege_rejected',
      subjectType: 'queue_registration',
      subjectId: registration.id,
      details: { number: registration.number, organisationId: staff.organisationId },
    });
    return { number: registration.number, decision: input.decision };
  });
}
