import { z } from 'zod';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { changeTerm } from './change-term.js';

export const ResumeApplicationInput = z
  .object({ idempotencyKey: z.string(), applicationId: z.string().min(1) })
  .strict();

/** Resumes a suspended application; its dues move by the suspended working time. By the provider's head. */
export async function resumeApplication(
  services: ApplicationServices,
  principal: Principal,
  rawInput: z.input<typeof ResumeApplicationInput>,
) {
  const input = parseInput(ResumeApplicationInput, rawInput);
  return changeTerm(services, principal, input, 'resume', () => ({ type: 'resumed' }));
}
