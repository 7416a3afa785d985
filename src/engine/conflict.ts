import {
  listAvailableCommands,
  type AvailableCommand,
  type AvailableCommandKind,
} from '../domain/application/available-commands.js';
import type { Principal } from '../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../domain/shared/domain-error.js';
import type { LoadedApplication } from './load-application.js';
import type { ApplicationState } from '../domain/application/fold.js';

/** What a refused command tells the caller: the current state and what is allowed now (OpenCRVS style). */
export function conflictDetails(state: ApplicationState, available: readonly AvailableCommand[]) {
  return {
    status: state.status,
    currentStepId: state.currentStepId ?? null,
    version: state.version,
    allowed: available.map((command) =>
      'stepId' in command ? `${command.kind}:${command.stepId}` : command.kind,
    ),
  };
}

/**
 * Refuses a command `principal` may not give now: 409 with the current state and the allowed
 * commands when `isOwnSide` (the principal is on the side that could give it in another
 * state), 403 otherwise.
 */
export function requireAvailable(
  loaded: LoadedApplication,
  principal: Principal,
  kind: AvailableCommandKind,
  isOwnSide: boolean,
): void {
  const available = listAvailableCommands(
    loaded.state,
    loaded.regulation,
    principal,
    loaded.record.regionCode,
  );
  if (available.some((command) => command.kind === kind)) return;
  throw new DomainError(
    isOwnSide ? ErrorCode.conflict : ErrorCode.forbidden,
    conflictDetails(loaded.state, available),
  );
}
