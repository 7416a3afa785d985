import { defaultDeadlinePolicy } from '../../src/domain/application/deadline-watch.js';
import { defaultDeliveryPolicy, type JobServices } from '../../src/features/job-services.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices } from './applications.js';

/** Job services on a test database with a manual clock and the given policies. */
export function jobServices(
  database: DatabaseHandle,
  now: () => Date,
  policies: {
    deadlines?: Partial<JobServices['deadlines']>;
    delivery?: Partial<JobServices['delivery']>;
  } = {},
): JobServices {
  return {
    ...applicationServices(database, now),
    deadlines: { ...defaultDeadlinePolicy, ...policies.deadlines },
    delivery: { ...defaultDeliveryPolicy, ...policies.delivery },
  };
}
