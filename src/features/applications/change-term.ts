import type { AvailableCommandKind } from '../../domain/application/available-commands.js';
import type { ApplicationEventPayload } from '../../domain/application/ApplicationEvent.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { requireAvailable } from '../../engine/conflict.js';
import { getApplicationFor, type LoadedApplication } from '../../engine/load-application.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';

/**
 * Shared path of the commands that change an application's term rather than its step
 * (extension, suspension, resumption): check that the principal may give `kind` now, let
 * `decide` build the event (or refuse), record it, answer with the new due.
 */
export async function changeTerm(
  services: ApplicationServices,
  principal: Principal,
  input: { idempotencyKey: string; applicationId: string },
  kind: Extract<AvailableCommandKind, 'extend_term' | 'suspend' | 'resume'>,
  decide: (loaded: LoadedApplication) => ApplicationEventPayload,
): Promise<{ [key: string]: string | number | null }> {
  return runCommand(services, principal, kind, input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    requireAvailable(
      loaded,
      principal,
      kind,
      principal.kind === 'staff' &&
        principal.organisationId === loaded.state.providerOrganisationId,
    );
    const payload = decide(loaded);
    if (principal.kind !== 'staff') throw new DomainError(ErrorCode.forbidden, {});
    const role = principal.roles.includes('head') ? 'head' : principal.roles[0]!;
    const state = await recordEvents(
      trx,
      engineTargetOf(loaded),
      { kind: 'staff', userId: principal.staffId, role, organisationId: principal.organisationId },
      [payload],
      loaded.now,
    );
    return {
      applicationId: loaded.record.id,
      response: {
        applicationId: loaded.record.id,
        status: state.status,
        version: state.version,
        dueAt: new Date(state.dueAt).toISOString(),
      },
    };
  });
}
