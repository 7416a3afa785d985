import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ApplicationServices } from '../../../engine/application-services.js';
import { kazakhstanDay } from '../../../features/portal/list-service-providers.js';
import { isSecureDeployment, type WebContext } from '../web-env.js';

/** The cookie that remembers the sandbox "as of" day chosen on the portal (docs/sandbox.md). */
export const asOfCookieName = 'qyzmet_as_of';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function isPastDay(value: string | undefined, today: string): value is string {
  return (
    value !== undefined &&
    isoDay.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    value >= '2000-01-01' &&
    value <= today
  );
}

/**
 * The "as of" day of this portal request in a sandbox installation: `?asOf=YYYY-MM-DD`
 * (remembered in a cookie; `?asOf=` empty forgets it), else the cookie. Undefined outside a
 * sandbox (the parameter and the cookie are ignored there) and when none is chosen (today).
 */
export function chosenAsOf(c: WebContext): string | undefined {
  const deps = c.get('deps');
  if (!deps.config.sandbox) return undefined;
  const today = kazakhstanDay(deps.now());
  const asked = c.req.query('asOf');
  if (asked !== undefined) {
    if (asked === '' || asked === today) {
      deleteCookie(c, asOfCookieName, { path: '/' });
      return undefined;
    }
    if (isPastDay(asked, today)) {
      setCookie(c, asOfCookieName, asked, {
        path: '/',
        maxAge: 7 * 24 * 3600,
        sameSite: 'Lax',
        secure: isSecureDeployment(c),
      });
      return asked;
    }
  }
  const remembered = getCookie(c, asOfCookieName);
  return isPastDay(remembered, today) ? remembered : undefined;
}

/** The application services of a portal request: with its sandbox "as of" day when chosen. */
export function portalServices(c: WebContext): ApplicationServices {
  const services = c.get('deps').applications;
  const asOf = chosenAsOf(c);
  return asOf ? { ...services, asOf } : services;
}
