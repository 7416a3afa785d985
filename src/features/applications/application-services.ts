import {
  getWorkingTime,
  Schedule,
  standardSchedules,
  type ProductionCalendar,
  type WorkingTime,
} from '../../domain/calendar/index.js';
import type { ApplicationClock } from '../../domain/application/fold.js';
import type { RegulationCatalog } from '../../domain/regulation/regulation-catalog.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../storage/db.js';
import type { Tables } from '../../storage/schema.js';

type Executor = Database | Transaction<Tables>;
import { findOrganisation, type OrganisationRow } from '../../storage/organisation.repository.js';

/** What the application use cases need from their surroundings; built once at boot. */
export interface ApplicationServices {
  readonly db: Database;
  readonly regulations: RegulationCatalog;
  readonly calendar: ProductionCalendar;
  /** The clock; injected so tests skip time. */
  readonly now: () => Date;
}

/** An organisation's working time: its own schedule if it has one, else the standard of its kind. */
export function workingTimeOf(
  services: ApplicationServices,
  organisation: OrganisationRow,
): WorkingTime {
  const schedule = organisation.customSchedule
    ? Schedule.parse(organisation.customSchedule)
    : organisation.scheduleKind === 'front_office'
      ? standardSchedules['front-office']
      : standardSchedules['provider-office'];
  return getWorkingTime({ calendar: services.calendar, schedule, timeZone: organisation.timeZone });
}

/** The organisation, or a not_found error naming the field it came from. */
export async function getOrganisation(
  db: Executor,
  id: string,
  field: string,
): Promise<OrganisationRow> {
  const organisation = await findOrganisation(db, id);
  if (!organisation) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: field, rule: 'unknown_organisation', params: { id } }],
    });
  }
  return organisation;
}

/**
 * The working times under which an application's deadlines are counted. `db` is the
 * transaction when called inside one (the embedded database has a single connection).
 */
export async function clockOf(
  services: ApplicationServices,
  db: Executor,
  providerOrganisationId: string,
  frontOfficeId: string | undefined,
): Promise<{ clock: ApplicationClock; provider: OrganisationRow }> {
  const provider = await getOrganisation(db, providerOrganisationId, 'providerOrganisationId');
  const frontOffice = frontOfficeId
    ? await getOrganisation(db, frontOfficeId, 'frontOfficeId')
    : undefined;
  return {
    provider,
    clock: {
      provider: workingTimeOf(services, provider),
      ...(frontOffice ? { frontOffice: workingTimeOf(services, frontOffice) } : {}),
    },
  };
}
