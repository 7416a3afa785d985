import type { Transaction } from 'kysely';
import { addDuration } from '../../domain/calendar/arithmetic.js';
import {
  getWorkingTime,
  standardSchedules,
  type ProductionCalendar,
} from '../../domain/calendar/index.js';
import type { QueueRules } from '../../domain/queue/QueueRules.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import type { Database } from '../../storage/db.js';
import type { Tables } from '../../storage/schema.js';

/** What the queue's use cases need; built once at boot (the rules from queue-rules/). */
export interface QueueServices {
  readonly db: Database;
  readonly now: () => Date;
  readonly calendar: ProductionCalendar;
  /** The queue rules by region code. */
  readonly rules: ReadonlyMap<string, QueueRules>;
}

/** The queue's services over the application services (their database, clock, calendar and queue rules). */
export function queueServicesOf(applications: ApplicationServices): QueueServices {
  return {
    db: applications.db,
    now: applications.now,
    calendar: applications.calendar,
    rules: applications.queueRules ?? new Map(),
  };
}

export type QueueTransaction = Transaction<Tables>;

/** The region's rules, or not_found when the region runs no queue. */
export function getQueueRules(services: QueueServices, region: string): QueueRules {
  const rules = services.rules.get(region);
  if (!rules) throw new DomainError(ErrorCode.notFound, { reason: 'queue_region_unknown' });
  return rules;
}

/** `start` plus whole working days on the provider office's calendar of the zone. */
export function addWorkingDays(
  services: QueueServices,
  timeZone: string,
  start: Date,
  days: number,
): Date {
  const time = getWorkingTime({
    calendar: services.calendar,
    schedule: standardSchedules['provider-office'],
    timeZone,
  });
  return new Date(addDuration(time, start.getTime(), { amount: days, unit: 'working_days' }));
}

/** The rank of a category in the queue (0 the highest). */
export const categoryRankOf = { extraordinary: 0, primary: 1, general: 2 } as const;

/** The category a rank stands for (a lost privilege ranks as general). */
export function categoryOfRank(rank: number): 'extraordinary' | 'primary' | 'general' {
  return rank === 0 ? 'extraordinary' : rank === 1 ? 'primary' : 'general';
}
