import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { changeTerm } from './change-term.js';

export const SuspendApplicationInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    reason: z.string().trim().min(3).max(2000),
  })
  .strict();

/** Suspends an application (приостановление): its clock stops until it is resumed. By the provider's head. */
export async function suspendApplication(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof SuspendApplicationInput>,
) {
  const input = parseInput(SuspendApplicationInput, rawInput);
  return changeTerm(services, principal, input, 'suspend', () => ({
    type: 'suspended',
    reason: input.reason,
  }));
}
