import { canPerform, type Principal } from '../domain/identity/authorisation.js';
import { authorisationTarget } from '../domain/application/available-commands.js';
import {
  foldApplication,
  type ApplicationClock,
  type ApplicationState,
} from '../domain/application/fold.js';
import type { ApplicationEvent } from '../domain/application/ApplicationEvent.js';
import type { RegulationDefinition } from '../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode } from '../domain/shared/domain-error.js';
import {
  findApplicationById,
  listEvents,
  type ApplicationRecord,
} from '../storage/application.repository.js';
import type { Database } from '../storage/db.js';
import { applicationNow, clockOf, type ApplicationServices } from './application-services.js';

/** An application with everything needed to decide and record the next event. */
export interface LoadedApplication {
  readonly record: ApplicationRecord;
  readonly regulation: RegulationDefinition;
  readonly clock: ApplicationClock;
  readonly events: readonly ApplicationEvent[];
  readonly state: ApplicationState;
  /** Now on the application's own clock (shifted for a sandbox application: docs/sandbox.md). */
  readonly now: Date;
}

/**
 * Loads and folds an application the principal may see. An application of another
 * organisation or another citizen is reported as not found, so its existence does not leak.
 */
export async function getApplicationFor(
  services: ApplicationServices,
  principal: Principal,
  applicationId: string,
  db: Database | Parameters<typeof listEvents>[0] = services.db,
): Promise<LoadedApplication> {
  const record = await findApplicationById(db, applicationId);
  if (!record) throw new DomainError(ErrorCode.notFound, { applicationId });
  const regulation = services.regulations.getById(record.regulationId);
  const { clock } = await clockOf(
    services,
    db,
    record.providerOrganisationId,
    record.frontOfficeId ?? undefined,
  );
  const events = await listEvents(db, record.id);
  const state = foldApplication(regulation, events, clock);
  const isVisible = canPerform(
    principal,
    { kind: 'view_application' },
    authorisationTarget(state, record.regionCode),
  );
  if (!isVisible.isAllowed) throw new DomainError(ErrorCode.notFound, { applicationId });
  return {
    record,
    regulation,
    clock,
    events,
    state,
    now: applicationNow(services.now(), record.clockOffsetMs),
  };
}
