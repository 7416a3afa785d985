import { appendAudit } from '../../storage/audit.repository.js';
import { deleteStaleLoginThrottles } from '../../storage/login-throttle.repository.js';
import { deleteExpiredRateLimits } from '../../storage/rate-limit.repository.js';
import { defaultLoginThrottlePolicy } from '../identity/login-throttle.js';
import { rateLimitPolicies } from './rate-limit.js';
import type { JobServices } from '../job-services.js';

/** Rows deleted per table and round; a full round is followed by another at once. */
export const limitsPurgeBatchSize = 1_000;

/** What one purge round removed. */
export interface LimitsPurgeRound {
  /** `rate_limit` counters whose window had ended. */
  rateLimits: number;
  /** `login_throttle` keys past their forgetting time, their delay over. */
  loginThrottles: number;
}

/** The longest window of any rate limit: a counter older than this counts nothing any more. */
export const longestRateLimitWindowMs = Math.max(
  ...Object.values(rateLimitPolicies).map((policy) => policy.windowMs),
);

/**
 * Deletes the counters that no longer limit anyone (issue 16): `rate_limit` rows whose window
 * started more than the longest window ago (it would start over at its next hit), and
 * `login_throttle` keys whose last failure is older than the policy's forgetting time (they
 * would start over at one failure) and whose delay has passed. Without it both tables grow by
 * one row per client address and account ever seen. One audit row per round that deleted
 * something, with the counts; rows held by a transaction in progress are left for later.
 */
export async function purgeExpiredLimits(
  services: Pick<JobServices, 'db' | 'now'>,
  policy: { rateLimitWindowMs: number; loginForgetAfterMs: number } = {
    rateLimitWindowMs: longestRateLimitWindowMs,
    loginForgetAfterMs: defaultLoginThrottlePolicy.forgetAfterMs,
  },
): Promise<LimitsPurgeRound> {
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const round: LimitsPurgeRound = {
      rateLimits: await deleteExpiredRateLimits(
        trx,
        new Date(now.getTime() - policy.rateLimitWindowMs),
        limitsPurgeBatchSize,
      ),
      loginThrottles: await deleteStaleLoginThrottles(
        trx,
        new Date(now.getTime() - policy.loginForgetAfterMs),
        limitsPurgeBatchSize,
      ),
    };
    if (round.rateLimits + round.loginThrottles > 0) {
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'system', id: 'limits-purge' },
        action: 'rate_limits.purged',
        subjectType: 'rate_limit',
        details: { ...round },
      });
    }
    return round;
  });
}
