import type { AvailableCommand } from '../../domain/application/available-commands.js';
import type { ApplicationState } from '../../domain/application/fold.js';

/** What a refused command tells the caller: the current state and what is allowed now (OpenCRVS style). */
export function conflictDetails(state: ApplicationState, available: readonly AvailableCommand[]) {
  return {
    status: state.status,
    currentStepId: state.currentStepId ?? null,
    version: state.version,
    allowed: available.map((command) =>
      command.kind === 'complete_step' ? `complete_step:${command.stepId}` : command.kind,
    ),
  };
}
