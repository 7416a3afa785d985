import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { isInIntakeRound } from '../../domain/queue/rank.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import {
  districtStatistics,
  listQueueDistricts,
} from '../../storage/preschool-queue-view.repository.js';
import type { QueueServices } from './queue-services.js';

/**
 * The statistics of the head of a district education department (issue 19): for every district
 * whose queue the department keeps, the children waiting by age, the places offered, accepted
 * (referrals), declined and expired, and the children enrolled; and the region's yearly intake
 * round (its window, whether open today). Counts only, no personal data (so no audit row, like
 * the public status).
 */
export async function getQueueStatistics(
  services: Pick<QueueServices, 'db' | 'now'> & Partial<Pick<QueueServices, 'rules'>>,
  principal: Principal,
) {
  if (principal.kind !== 'staff' || !principal.roles.includes(StaffRole.head))
    throw new DomainError(ErrorCode.forbidden, { reason: 'department_head_only' });
  const now = services.now();
  const day = kazakhstanDay(now);
  const districts = (await listQueueDistricts(services.db)).filter(
    (district) => district.departmentOrganisationId === principal.organisationId,
  );
  const result = [];
  for (const district of districts) {
    const round = services.rules?.get(district.region)?.intakeRound;
    result.push({
      district,
      intakeRound: round
        ? {
            from: round.value.from,
            until: round.value.until,
            isOpen: isInIntakeRound(day, { intakeRound: round }),
          }
        : null,
      ...(await districtStatistics(
        services.db,
        { region: district.region, district: district.code },
        day,
      )),
    });
  }
  return { day, districts: result };
}
