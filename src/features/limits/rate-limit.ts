import { DomainError } from '../../domain/shared/domain-error.js';
import type { Database } from '../../storage/db.js';
import { countRateLimitHit } from '../../storage/rate-limit.repository.js';

/** How many hits a key may make per window. */
export interface RateLimitPolicy {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * The limits per client address on every public and authentication route, web and API alike
 * (issue 16, defect 6). Sized for real use: a family or an office behind one NAT address
 * signs in several people a day, each with a few typos; an attacker from one address gets
 * 20 password guesses per 15 minutes across all accounts (the growing per-account delay of
 * `login-throttle.ts` adds to this).
 */
export const rateLimitPolicies = {
  /** Password attempts (staff and citizen sign-in, web and API) per client address. */
  login: { limit: 20, windowMs: 15 * 60_000 },
  /** Account registrations per client address. */
  registration: { limit: 10, windowMs: 60 * 60_000 },
  /** One-time password requests and answers (sign-in, reset, certification) per address. */
  oneTimePassword: { limit: 30, windowMs: 15 * 60_000 },
  /** Public lookups (status by number, document verification) per client address. */
  publicLookup: { limit: 60, windowMs: 60_000 },
  /** Home-visit requests (each one creates a record for a front office) per address. */
  homeVisit: { limit: 10, windowMs: 60 * 60_000 },
  /** Session reads and sign-outs under /api/auth per client address. */
  session: { limit: 300, windowMs: 60_000 },
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
