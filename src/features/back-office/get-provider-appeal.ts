import { listAvailableCommands } from '../../domain/application/available-commands.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { findAppeal } from '../../storage/appeal.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';

/**
 * One appeal as the provider's staff see it: its text, due and decision, the application it is
 * about, and whether this staff member may decide it now. An appeal of an application the
 * staff member may not see is not found.
 */
export async function getProviderAppeal(
  services: ApplicationServices,
  principal: Principal,
  appealId: string,
) {
  if (principal.kind !== 'staff') throw new DomainError(ErrorCode.forbidden, {});
  const appeal = await findAppeal(services.db, appealId);
  if (!appeal) throw new DomainError(ErrorCode.notFound, { appealId });
  const loaded = await getApplicationFor(services, principal, appeal.application_id);
  const available = listAvailableCommands(
    loaded.state,
    loaded.regulation,
    principal,
    loaded.record.regionCode,
  );
  const now = loaded.now.getTime(); // the application's own clock (docs/sandbox.md)
  return {
    id: appeal.id,
    text: appeal.text,
    status: appeal.status,
    submittedAt: appeal.submitted_at,
    dueAt: appeal.due_at,
    decidedAt: appeal.decided_at,
    answer: appeal.decision,
    isOverdue: appeal.status === 'submitted' && now > appeal.due_at.getTime(),
    mayDecide:
      appeal.status === 'submitted' &&
      available.some((command) => command.kind === 'decide_appeal'),
    application: {
      id: loaded.record.id,
      number: loaded.record.number,
      serviceName: loaded.regulation.name,
      status: loaded.state.status,
    },
  };
}
export type ProviderAppeal = Awaited<ReturnType<typeof getProviderAppeal>>;
