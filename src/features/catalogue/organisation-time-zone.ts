import { defaultTimeZone } from '../../domain/calendar/index.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { getOrganisation, type ApplicationServices } from '../../engine/application-services.js';

/**
 * The IANA zone of an organisation (`organisation.time_zone`, the zone its working time and so
 * the engine's dues are counted in), for showing times on its wall clock; the default zone
 * when the organisation is unknown.
 */
export async function organisationTimeZone(
  services: Pick<ApplicationServices, 'db'>,
  organisationId: string,
): Promise<string> {
  try {
    return (await getOrganisation(services, services.db, organisationId, 'organisationId'))
      .timeZone;
  } catch (error) {
    if (error instanceof DomainError) return defaultTimeZone;
    throw error;
  }
}
