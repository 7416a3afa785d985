import { DomainError } from '../../domain/shared/domain-error.js';
import type { Database } from '../../storage/db.js';
import { countRateLimitHit } from '../../storage/rate-limit.repository.js';

/** How many hits a key may make per window. */
export interface RateLimitPolicy {
  readonly limit: number;
  readonly windowMs: number;
}

/** The limits the web layer applies; tests may pass tighter ones. */
export const rateLimitPolicies = {
  /** Password attempts per client address (the account lock counts per account). */
  login: { limit: 20, windowMs: 15 * 60_000 },
  /** One-time password requests and answers per client address. */
  oneTimePassword: { limit: 30, windowMs: 15 * 60_000 },
  /** Public lookups (status by number, document verification) per client address. */
  publicLookup: { limit: 120, windowMs: 60_000 },
} satisfies Record<string, RateLimitPolicy>;

/**
 * Counts a hit for `key` and throws DomainError('rate_limited') with `retryAfterSeconds`
 * when the window's limit is exceeded. The counter lives in the database, so every node of
 * a deployment shares it.
 */
export async function enforceRateLimit(
  db: Database,
  key: string,
  policy: RateLimitPolicy,
  now: Date,
): Promise<void> {
  const hit = await countRateLimitHit(db, key, policy.windowMs, now);
  if (hit.hits <= policy.limit) return;
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((hit.windowStartedAt.getTime() + policy.windowMs - now.getTime()) / 1000),
  );
  throw new DomainError('rate_limited', { reason: 'too_many_requests', retryAfterSeconds });
}
