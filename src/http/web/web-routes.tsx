import { Hono } from 'hono';
import { DomainError } from '../../domain/shared/domain-error.js';
import { errorMessage, errorTable, retryAfterSecondsOf, toDomainError } from '../error-table.js';
import { requestGuard, requestLimits } from '../request-guard.js';
import { adminRoutes } from './admin/index.js';
import { assetRoutes } from './assets.js';
import { backOfficeRoutes } from './back-office/index.js';
import { documentRoutes } from './documents.js';
import { frontOfficeRoutes } from './front-office/index.js';
import { Notice, Page } from './layout.js';
import { common } from './messages.js';
import { pageContext, render } from './page-context.js';
import { portalRoutes } from './portal/index.js';
import { staffLoginRoutes } from './staff-login.js';
import {
  csrfProtection,
  localeMiddleware,
  securityHeaders,
  type WebContext,
  type WebEnv,
} from './web-env.js';

/** Paths served by other parts of the application (JSON API, health, verification page). */
export const notWeb = /^\/(api|health|metrics|verify)(\/|$)/;

/** The largest request a page accepts (a form with uploaded documents). */
export const maxWebRequestBytes = requestLimits.uploadBodyBytes;

const staffAreas = /^\/(front-office|back-office|admin|staff)(\/|$)/;

/** The page for an error: a sign-in redirect, or the localised message with its status. */
export async function renderWebError(thrown: Error, c: WebContext) {
  const error = toDomainError(thrown);
  const code = error.code;
  if (code === 'unauthenticated' && c.req.method === 'GET') {
    const next = encodeURIComponent(`${new URL(c.req.url).pathname}${new URL(c.req.url).search}`);
    const login = staffAreas.test(c.req.path) ? '/staff/login' : '/login';
    return c.redirect(`${login}?next=${next}`, 303);
  }
  if (code === 'internal') c.get('logger').error({ err: thrown }, 'unhandled error');
  else if (code === 'database_unavailable')
    c.get('logger').warn({ err: thrown }, 'database unavailable');
  else if (!(thrown instanceof DomainError))
    c.get('logger').warn({ err: thrown }, 'value refused by the database');
  const locale = c.get('locale') ?? 'kk';
  const ctx = c.get('csrfToken')
    ? await pageContext(c)
    : {
        locale,
        csrfToken: '',
        path: c.req.path,
        user: undefined,
        vocabulary: c.get('deps').applications.regulations.vocabulary,
        sandbox: c.get('deps').config.sandbox,
      };
  const isCsrf = error.details.reason === 'csrf';
  const title =
    code === 'not_found'
      ? common.notFoundTitle[locale]
      : code === 'forbidden'
        ? common.forbiddenTitle[locale]
        : common.errorTitle[locale];
  const details = error.details;
  const retryAfter = retryAfterSecondsOf(details);
  if (retryAfter !== undefined) c.header('retry-after', String(retryAfter));
  return render(
    c,
    <Page ctx={ctx} title={title} narrow>
      <h1>{title}</h1>
      <Notice tone="bad" role="alert">
        <p>{isCsrf ? common.csrfRefused[locale] : errorMessage(code, locale, details)}</p>
      </Notice>
      <p>
        <a href="/">{common.home[locale]}</a>
      </p>
    </Page>,
    errorTable[code].status as 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503,
  );
}

/**
 * Every server-rendered page: language choice, security headers, anti-forgery checks and
 * request size limit for the workspaces (citizen portal, front office, back office,
 * administration) and the staff sign-in. Errors become localised pages, never JSON.
 */
export function webRoutes(): Hono<WebEnv> {
  const web = new Hono<WebEnv>();
  const onlyWeb =
    (handler: (c: WebContext, next: () => Promise<void>) => Promise<unknown>) =>
    async (c: WebContext, next: () => Promise<void>) => {
      if (notWeb.test(c.req.path)) return next();
      await handler(c, next);
    };
  web.use(onlyWeb(localeMiddleware()));
  web.use(onlyWeb(securityHeaders()));
  // Before anything reads the body (the anti-forgery check parses forms): size, encoding,
  // NUL and lone surrogates, multipart that parses (issue 16).
  web.use(onlyWeb(requestGuard()));
  web.use(onlyWeb(csrfProtection()));
  web.route('/', assetRoutes());
  web.route('/', staffLoginRoutes());
  web.route('/', documentRoutes());
  web.route('/', portalRoutes());
  web.route('/', frontOfficeRoutes());
  web.route('/', backOfficeRoutes());
  web.route('/', adminRoutes());
  web.onError(renderWebError);
  return web;
}
