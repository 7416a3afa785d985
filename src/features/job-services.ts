import type { DeadlinePolicy } from '../domain/application/deadline-watch.js';
import type { ApplicationServices } from '../engine/application-services.js';

/** How the outbox retries: exponential backoff from `baseDelayMs`, capped, up to `maxAttempts`. */
export interface DeliveryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a claimed message stays reserved for the worker sending it. */
  readonly leaseMs: number;
  /** Messages claimed per round. */
  readonly batchSize: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  leaseMs: 5 * 60_000,
  batchSize: 50,
};

/** The delay before attempt `attempts + 1`: base × 2^(attempts − 1), capped. */
export function backoffDelayMs(attempts: number, policy: DeliveryPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

/** What the background jobs need: the application services (database, regulations, calendar, clock). */
export interface JobServices extends ApplicationServices {
  readonly deadlines: DeadlinePolicy;
  readonly delivery: DeliveryPolicy;
}
