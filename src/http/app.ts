import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import type { Config } from '../config/config.js';
import type { AppDependencies, AppEnv } from './app-env.js';
import { DomainError } from '../domain/shared/domain-error.js';
import { negotiateLocale } from '../domain/shared/locale.js';
import { errorMessage, errorTable, retryAfterSecondsOf, toDomainError } from './error-table.js';
import { requestGuard } from './request-guard.js';
import { setResponseHeaders } from './response-headers.js';
import { authRoutes } from './api/auth.js';
import { healthRoutes } from './health.js';
import { metricsRoutes } from './metrics.js';
import { verifyRoutes } from './verify.js';
import { apiV1Routes } from './api/v1/index.js';
import { notWeb, renderWebError, webRoutes } from './web/web-routes.js';
import { chooseLocale, type WebContext } from './web/web-env.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Whether a request is for a page (a browser asking for HTML outside the JSON API). */
function wantsPage(path: string, accept: string | undefined): boolean {
  return !path.startsWith('/api/') && (accept ?? '').includes('text/html');
}

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The labels of a request in the latency histogram: the pattern of the route that answered
 * (`/api/v1/applications/:id`, or a middleware's `/back-office/*`), never the raw path, so the
 * number of series stays bounded; `unmatched` when only the global middleware saw it.
 */
function requestLabels(c: Context<AppEnv>) {
  const route = routePath(c);
  return {
    method: knownMethods.has(c.req.method) ? c.req.method : 'other',
    route: route === '/*' || route === '*' ? 'unmatched' : route,
    status: `${Math.floor(c.res.status / 100)}xx`,
  };
}

/**
 * Headers on every response (issue 16, defect 10): no MIME sniffing; JSON API answers (which
 * carry personal data) are never stored by a browser or a proxy unless the route chose its
 * own caching; HSTS in production behind an https public address. The pages set their own
 * stricter set as well (web-env `securityHeaders`).
 */
function responseHeaders(c: Context<AppEnv>, config: Config, requestId: string) {
  const headers: Record<string, string> = {
    'x-request-id': requestId,
    'x-content-type-options': 'nosniff',
  };
  if (c.req.path.startsWith('/api/') && !c.res.headers.has('cache-control')) {
    headers['cache-control'] = 'no-store';
  }
  if (config.env === 'production' && config.http.publicUrl.startsWith('https:')) {
    headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  }
  return headers;
}

export type { AppDependencies, AppEnv };

/**
 * Builds the HTTP application — middleware, routes and the error mapping — from the
 * dependencies it is given (the composition root, `src/cli/compose.ts`, builds them).
 */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const logger = deps.logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', logger);
    c.set('deps', deps);
    const started = performance.now();
    await next();
    setResponseHeaders(c, responseHeaders(c, deps.config, requestId));
    const elapsedMs = performance.now() - started;
    deps.metrics.httpRequestDuration.observe(requestLabels(c), elapsedMs / 1000);
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(elapsedMs * 10) / 10,
      },
      'request',
    );
  });

  // The JSON API, /health and /verify: the web workspaces run the same guard inside their
  // own middleware (so that a refusal is a localised page there).
  const guard = requestGuard();
  app.use(async (c, next) => (notWeb.test(c.req.path) ? guard(c, next) : next()));

  app.route('/', healthRoutes());
  app.route('/', metricsRoutes());
  app.route('/', authRoutes({ sms: deps.sms }));
  app.route('/', apiV1Routes());
  app.route('/', verifyRoutes());
  app.route('/', webRoutes());

  app.notFound((c) => {
    if (wantsPage(c.req.path, c.req.header('accept'))) {
      return renderWebError(new DomainError('not_found'), c as unknown as WebContext);
    }
    const locale = negotiateLocale(c.req.header('accept-language'));
    return c.json(
      { error: { code: 'not_found', message: errorTable.not_found.message[locale] } },
      404,
    );
  });

  app.onError((thrown, c) => {
    // A page outside the web routes (the public /verify page) refused: a page, not JSON.
    if (wantsPage(c.req.path, c.req.header('accept')) && !c.get('locale' as never)) {
      const web = c as unknown as WebContext;
      web.set('locale', chooseLocale(c));
      return renderWebError(thrown, web);
    }
    const locale = negotiateLocale(c.req.header('accept-language'));
    const error = toDomainError(thrown);
    const code = error.code;
    const row = errorTable[code];
    if (code === 'internal') c.get('logger').error({ err: thrown }, 'unhandled error');
    else if (code === 'database_unavailable')
      c.get('logger').warn({ err: thrown }, 'database unavailable');
    else if (!(thrown instanceof DomainError))
      c.get('logger').warn({ err: thrown }, 'value refused by the database');
    const details =
      thrown instanceof DomainError
        ? thrown.details
        : code !== 'internal'
          ? error.details
          : deps.config.env === 'production'
            ? undefined
            : { message: error.message };
    const retryAfter = retryAfterSecondsOf(error.details);
    if (retryAfter !== undefined) c.header('retry-after', String(retryAfter));
    return c.json(
      {
        error: {
          code,
          message: errorMessage(code, locale, details),
          details,
          requestId: c.get('requestId'),
        },
      },
      row.status,
    );
  });

  return app;
}
