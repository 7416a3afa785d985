import {
  ApplicationStatus,
  applicationStatusLabels,
  finalStatuses,
} from '../../domain/application/ApplicationStatus.js';
import { addRegulationDuration } from '../../domain/application/term-arithmetic.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import { StaffRole } from '../../domain/shared/roles.js';
import type { ApplicationListRow } from '../../storage/application-query.repository.js';
import {
  listFrontOfficeApplicationRows,
  listHomeVisits,
  listRegisteredApplicationIds,
  listResultRequests,
  type HomeVisitRow,
} from '../../storage/front-office.repository.js';
import { listOrganisations } from '../../storage/organisation.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { recordRead } from '../../engine/record-read.js';
import { indicatorFor, type Indicator } from '../deadlines/deadline-indicator.js';
import {
  organisationToday,
  requireFrontOfficeRole,
  type FrontOfficeStaff,
} from './front-office-context.js';

/** One application line of a front-office list. */
export interface FrontOfficeRow {
  readonly id: string;
  readonly number: string;
  readonly serviceName: LocalizedText | { kk: string; ru: string; en?: string };
  readonly applicantIin: string;
  readonly statusLabel: LocalizedText;
  readonly status: ApplicationStatus;
  readonly providerOrganisationId: string;
  readonly providerName: { kk: string; ru: string };
  /** The step's due, else the whole application's due (as the engine computed it). */
  readonly due: Date | null;
  readonly indicator: Indicator;
  /** Results at the front office: when it arrived and until when it is kept. */
  readonly arrivedAt?: Date;
  readonly storedUntil?: Date | null;
  /** Handed back to the provider: when, and the front office's later request, if any. */
  readonly handedBackAt?: Date;
  readonly resultRequest?: { requestedAt: Date; dueAt: Date; sentAt: Date | null };
  /** Whether the package already travels in a courier register. */
  readonly inRegister?: boolean;
}

export interface FrontOfficeDashboard {
  readonly today: FrontOfficeRow[];
  readonly waitingForCourier: FrontOfficeRow[];
  readonly resultsWaiting: FrontOfficeRow[];
  readonly handedBack: FrontOfficeRow[];
  readonly homeVisits: HomeVisitRow[];
}

const listSize = 100;

/**
 * The front office's day: applications taken today, packages waiting for the courier, results
 * waiting to be issued (with the month of storage), results handed back to the provider (with
 * the request for them, if made), and home-visit requests — every due with its indicator.
 * The read is audited once.
 */
export async function getFrontOfficeDashboard(
  services: ApplicationServices,
  staff: FrontOfficeStaff,
): Promise<FrontOfficeDashboard> {
  requireFrontOfficeRole(staff, [StaffRole.frontOfficeOperator, StaffRole.courier]);
  const frontOfficeId = staff.principal.organisationId;
  const { organisation, time, now, day } = await organisationToday(services, frontOfficeId);
  const dayStart = new Date(`${day}T00:00:00+05:00`);
  const [todayRows, courierRows, resultRows, handedBackRows, homeVisits, requests, orgs] =
    await Promise.all([
      listFrontOfficeApplicationRows(
        services.db,
        {
          frontOfficeId,
          submittedFrom: dayStart,
          submittedBefore: new Date(dayStart.getTime() + 86_400_000),
        },
        listSize,
      ),
      listFrontOfficeApplicationRows(
        services.db,
        { frontOfficeId, holderOrganisationId: frontOfficeId, currentActor: 'courier' },
        listSize,
      ),
      listFrontOfficeApplicationRows(
        services.db,
        {
          frontOfficeId,
          holderOrganisationId: frontOfficeId,
          currentActor: 'front_office_operator',
          statuses: ['result_ready', 'refused', 'in_work'],
        },
        listSize,
      ),
      listFrontOfficeApplicationRows(
        services.db,
        { frontOfficeId, statuses: ['handed_back'] },
        listSize,
      ),
      listHomeVisits(services.db, frontOfficeId, listSize),
      listResultRequests(services.db, frontOfficeId),
      listOrganisations(services.db, { regionCode: organisation.regionCode }),
    ]);
  const names = new Map(orgs.map((org) => [org.id, { kk: org.nameKk, ru: org.nameRu }]));
  const inRegister = await listRegisteredApplicationIds(
    services.db,
    'to_provider',
    courierRows.map((row) => row.id),
  );
  const rowOf = (row: ApplicationListRow): FrontOfficeRow => {
    const status = ApplicationStatus.parse(row.status);
    const regulation = services.regulations.getById(row.regulationId);
    const isOpen = row.currentStepId !== null && !finalStatuses.has(status);
    const due = isOpen ? (row.stepDueAt ?? row.dueAt) : null;
    return {
      id: row.id,
      number: row.number,
      serviceName: regulation.name,
      applicantIin: row.applicantIin,
      status,
      statusLabel: applicationStatusLabels[status],
      providerOrganisationId: row.providerOrganisationId,
      providerName: names.get(row.providerOrganisationId) ?? {
        kk: row.providerOrganisationId,
        ru: row.providerOrganisationId,
      },
      due,
      indicator:
        status === 'suspended'
          ? 'suspended'
          : indicatorFor(time, now, due, row.stepDueAt ? row.updatedAt : row.submittedAt),
    };
  };
  const resultsWaiting = resultRows
    .filter((row) => row.status !== 'in_work' || row.currentStepId?.includes('issue'))
    .map((row) => {
      const regulation = services.regulations.getById(row.regulationId);
      const storage = regulation.frontOfficeStorage;
      return {
        ...rowOf(row),
        arrivedAt: row.updatedAt,
        // akimat-2016-285 (duplicates), point 8, item 4: kept one month, then handed back.
        storedUntil: storage
          ? new Date(
              addRegulationDuration(time, row.updatedAt.getTime(), storage.keepFor, {
                afterHoursCountsFromNextWorkingDay: false,
              }),
            )
          : null,
      };
    });
  // Newest first: the latest request of an application wins.
  const requestOf = new Map(
    [...requests].reverse().map((request) => [request.applicationId, request]),
  );
  const handedBack = handedBackRows.map((row) => {
    const request = requestOf.get(row.id);
    return {
      ...rowOf(row),
      handedBackAt: row.endedAt ?? row.updatedAt,
      ...(request
        ? {
            resultRequest: {
              requestedAt: request.requestedAt,
              dueAt: request.dueAt,
              sentAt: request.sentAt,
            },
          }
        : {}),
    };
  });
  await recordRead(services.db, staff.principal, now, {
    subjectId: null,
    details: {
      query: 'front_office_dashboard',
      numbers: [...todayRows, ...courierRows, ...resultRows, ...handedBackRows].map(
        (row) => row.number,
      ),
    },
  });
  return {
    today: todayRows.map(rowOf),
    waitingForCourier: courierRows.map((row) => ({
      ...rowOf(row),
      inRegister: inRegister.has(row.id),
    })),
    resultsWaiting,
    handedBack,
    homeVisits,
  };
}
