import { getFlow } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { listMyApplications } from '../applications/list-my-applications.js';

/**
 * The signed-in citizen's applications for the cabinet (their own and those of the people
 * they represent), newest first, paged: each with the service's name and the wording of the
 * current step.
 */
export async function listCabinetApplications(
  services: ApplicationServices,
  principal: Principal,
  rawQuery: { cursor?: string; limit?: number },
) {
  const page = await listMyApplications(services, principal, rawQuery);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((item) => {
      const regulation = services.regulations.findById(item.regulationId);
      const step =
        regulation && item.currentStepId
          ? getFlow(regulation, item.channel as never).steps.find(
              (candidate) => candidate.id === item.currentStepId,
            )
          : undefined;
      return {
        ...item,
        serviceName: regulation?.name ?? null,
        currentStep: step ? { description: step.description, actor: step.actor } : null,
      };
    }),
  };
}
