import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { DomainError, ErrorCode } from '../domain/shared/domain-error.js';
import { enforceRateLimit, rateLimitPolicies } from '../features/limits/rate-limit.js';
import type { AppEnv } from './app-env.js';
import { clientAddress } from './client-address.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the Authorization header carries the bearer token (compared in constant time). */
function carriesToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]{1,500})$/.exec(authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * `GET /metrics`: the process's Prometheus metrics (HTTP latency per route, job rounds and
 * their last run, outbox backlog, database pool, process). Off (404, as if absent) unless
 * METRICS_TOKEN is set; then only with `Authorization: Bearer <token>` — a wrong token is
 * 401 and counts against the client's public-lookup limit.
 */
export function metricsRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/metrics', async (c) => {
    const { config, metrics, database, now } = c.get('deps');
    const token = config.metricsToken;
    if (!token) throw new DomainError(ErrorCode.notFound);
    if (!carriesToken(c.req.header('authorization'), token)) {
      await enforceRateLimit(
        database.db,
        `metrics:${clientAddress(c)}`,
        rateLimitPolicies.publicLookup,
        now(),
      );
      throw new DomainError(ErrorCode.unauthenticated);
    }
    c.header('cache-control', 'no-store');
    c.header('content-type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  return routes;
}
