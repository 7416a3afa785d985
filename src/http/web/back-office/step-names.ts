import type { ApplicationServices } from '../../../engine/application-services.js';
import { defaultTimeZone } from '../../../domain/calendar/index.js';
import type { Principal } from '../../../domain/identity/authorisation.js';
import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { organisationTimeZone } from '../../../features/catalogue/organisation-time-zone.js';

/** A name in kk/ru with an optional English. */
export type StepName = { kk: string; ru: string; en?: string };

/** The regulation's name (description) of a step, if the regulation has it. */
export function stepNameOf(regulation: RegulationDefinition, stepId: string) {
  for (const flow of regulation.channels) {
    const step = flow.steps.find((candidate) => candidate.id === stepId);
    if (step) return step.description;
  }
  return undefined;
}

/** The regulation's names (descriptions) of the steps, keyed `regulationId/stepId`. */
export function stepNamesOf(
  services: { regulations: { findById(id: string): RegulationDefinition | undefined } },
  steps: readonly (readonly [regulationId: string, stepId: string | null])[],
): Map<string, StepName> {
  const names = new Map<string, StepName>();
  for (const [regulationId, stepId] of steps) {
    if (!stepId) continue;
    const regulation = services.regulations.findById(regulationId);
    const name = regulation && stepNameOf(regulation, stepId);
    if (name) names.set(`${regulationId}/${stepId}`, name);
  }
  return names;
}

/** The zone of the staff member's organisation, where the engine counts its dues. */
export async function zoneOf(services: ApplicationServices, principal: Principal): Promise<string> {
  return principal.kind === 'staff'
    ? organisationTimeZone(services, principal.organisationId)
    : defaultTimeZone;
}
