import { isAutomatic } from '../../domain/application/available-commands.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import type { RegulationCatalog } from '../../domain/regulation/regulation-catalog.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole } from '../../domain/shared/roles.js';
import type { Database } from '../../storage/db.js';
import { listQueuedApplications } from '../../storage/vacancy-queue.repository.js';
import { recordRead } from '../../engine/record-read.js';
import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import type { Transaction } from 'kysely';
import type { Tables } from '../../storage/schema.js';

/** The staff who declare free places and see the queue: the provider's head and executors. */
export const vacancyRoles = [StaffRole.head, StaffRole.executor] as const;

/** One child waiting for a place, in queue order. */
export interface QueueEntry {
  readonly position: number;
  readonly applicationId: string;
  readonly number: string;
  readonly waitingSince: Date;
  /** Full years on the day asked (Kazakhstan's date), when the form gave the birth date. */
  readonly ageYears: number | undefined;
}

/** The (regulation, step) pairs where the engine waits for `place_available` (akimat-2012-149, annex 1, p. 6, item 13). */
export function vacancySteps(regulations: RegulationCatalog) {
  return regulations.all.flatMap((regulation) =>
    regulation.channels.flatMap((flow) =>
      flow.steps
        .filter((step) => isAutomatic(step) && step.decide?.question === 'place_available')
        .map((step) => ({ regulationId: regulation.id, stepId: step.id })),
    ),
  );
}

/** Full years between a YYYY-MM-DD birth date and a YYYY-MM-DD day; undefined if unreadable. */
export function ageInYears(birthDate: string | null, day: string): number | undefined {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const years = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return years >= 0 ? years : undefined;
}

/** Refuses anyone but the head or an executor of a provider organisation. */
export function requireVacancyStaff(
  principal: Principal,
): asserts principal is Principal & { kind: 'staff' } {
  if (
    principal.kind !== 'staff' ||
    !principal.roles.some((role) => (vacancyRoles as readonly string[]).includes(role))
  ) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'vacancy_staff_only' });
  }
}

/**
 * The queue of the staff member's organisation (as provider): the applications whose vacancy
 * question is open, in queue order (submission, then number), with position and age.
 */
export async function readVacancyQueue(
  services: Pick<ApplicationServices, 'regulations' | 'now'>,
  db: Database | Transaction<Tables>,
  organisationId: string,
): Promise<QueueEntry[]> {
  const day = kazakhstanDay(services.now());
  const rows = await listQueuedApplications(db, {
    providerOrganisationId: organisationId,
    steps: vacancySteps(services.regulations),
    limit: 1000,
  });
  return rows.map((row, index) => ({
    position: index + 1,
    applicationId: row.id,
    number: row.number,
    waitingSince: row.submittedAt,
    ageYears: ageInYears(row.childBirthDate, day),
  }));
}

/** The queue for the head or an executor of the provider (forbidden to anyone else). */
export async function listVacancyQueue(
  services: ApplicationServices,
  principal: Principal,
): Promise<QueueEntry[]> {
  requireVacancyStaff(principal);
  const queue = await readVacancyQueue(services, services.db, principal.organisationId);
  await recordRead(services.db, principal, services.now(), {
    subjectId: null,
    details: { query: 'vacancy_queue', count: queue.length },
  });
  return queue;
}
