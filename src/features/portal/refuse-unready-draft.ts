import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { draftIssues } from './draft-readiness.js';
import type { PortalDraft } from './get-portal-draft.js';
import { listServiceProviders, portalDay } from './list-service-providers.js';
import type { PortalCitizen } from './portal-citizen.js';

/**
 * Refuses (validation_failed with every issue) a citizen's draft that is not ready to be
 * certified or submitted today — the portal's day, which is the as-of day in the sandbox.
 */
export async function refuseUnreadyDraft(
  services: ApplicationServices,
  citizen: PortalCitizen,
  { regulation, draft, documents }: PortalDraft,
): Promise<void> {
  const { needsFrontOffice } = await listServiceProviders(services, regulation.id);
  const issues = draftIssues(regulation, draft, documents, {
    day: portalDay(services),
    needsFrontOffice,
    applicantIin: citizen.iin,
  });
  if (issues.length > 0) throw new DomainError(ErrorCode.validationFailed, { issues });
}
