import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isSecureDeployment } from '../session-cookie.js';
import { setResponseHeaders } from '../response-headers.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { locales, negotiateLocale, type Locale } from '../../domain/shared/locale.js';
import type { AppDependencies, AppEnv } from '../app-env.js';
import type { SignedInUser } from '../../features/identity/signed-in-user.js';

/** What a web page handler has, on top of the application's variables. */
export type WebEnv = {
  Variables: AppEnv['Variables'] & {
    /** The interface language of this request. */
    locale: Locale;
    /** The anti-forgery token every form of this page must carry as `_csrf`. */
    csrfToken: string;
    /** The signed-in person, looked up once per request (`currentUser`). */
    signedInUser?: Promise<SignedInUser | undefined>;
  };
};

export type WebContext = Context<WebEnv>;

/** The cookie that remembers the chosen language (one year). */
export const localeCookieName = 'qyzmet_lang';
/** The cookie that holds the anti-forgery token (double-submit). */
export const csrfCookieName = 'qyzmet_csrf';
/** The form field (or `x-csrf-token` header) that repeats the token. */
export const csrfFieldName = '_csrf';

export { isSecureDeployment };

function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && (locales as readonly string[]).includes(value);
}

/**
 * The language of a request: `?lang=` (remembered in a cookie for a year), else the
 * remembered cookie, else the browser's Accept-Language, else Kazakh (the state language).
 * Every page uses it (the web middleware, and the public `/verify` page outside it).
 */
export function chooseLocale(c: Context): Locale {
  const requested = c.req.query('lang');
  if (isLocale(requested)) {
    setCookie(c, localeCookieName, requested, {
      path: '/',
      maxAge: 365 * 24 * 3600,
      sameSite: 'Lax',
      secure: isSecureDeployment(c),
    });
    return requested;
  }
  const remembered = getCookie(c, localeCookieName);
  return isLocale(remembered) ? remembered : negotiateLocale(c.req.header('accept-language'));
}

/** Sets the request's language (`chooseLocale`) and the Content-Language header. */
export function localeMiddleware(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const locale = chooseLocale(c);
    c.set('locale', locale);
    c.header('content-language', locale);
    await next();
  };
}

/** Headers every page carries: a strict content security policy and no framing. */
export function securityHeaders(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    await next();
    const headers: Record<string, string> = {
      'content-security-policy': [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        // NCALayer listens on the user's own machine (NCALAYER_URL, wss://127.0.0.1:13579).
        `connect-src 'self' ${(c.get('deps') as AppDependencies).config.pki.ncalayerUrl}`,
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join('; '),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
    };
    if (!c.res.headers.has('cache-control')) headers['cache-control'] = 'no-store';
    setResponseHeaders(c, headers);
  };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Cross-site request forgery protection for forms: a random token in an HttpOnly,
 * SameSite=Strict cookie that every unsafe request must repeat in the `_csrf` field (or the
 * `x-csrf-token` header); and a request whose Origin is another site is refused outright.
 * A refused request changes nothing: DomainError('forbidden', { reason: 'csrf' }).
 */
export function csrfProtection(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    let token = getCookie(c, csrfCookieName);
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
      token = randomBytes(32).toString('base64url');
      setCookie(c, csrfCookieName, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
        secure: isSecureDeployment(c),
      });
      if (unsafeMethods.has(c.req.method)) {
        throw new DomainError('forbidden', { reason: 'csrf' });
      }
    }
    c.set('csrfToken', token);
    if (unsafeMethods.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin) {
        const publicOrigin = new URL(c.get('deps').config.http.publicUrl).origin;
        if (origin !== publicOrigin) throw new DomainError('forbidden', { reason: 'csrf' });
      }
      let presented = c.req.header('x-csrf-token');
      if (!presented) {
        const type = c.req.header('content-type') ?? '';
        if (
          type.startsWith('application/x-www-form-urlencoded') ||
          type.startsWith('multipart/form-data')
        ) {
          const body = await c.req.parseBody({ all: true });
          const field = body[csrfFieldName];
          presented = typeof field === 'string' ? field : undefined;
        }
      }
      if (!presented || !sameToken(presented, token)) {
        throw new DomainError('forbidden', { reason: 'csrf' });
      }
    }
    await next();
  };
}

export { clientAddress } from '../client-address.js';

const returnBase = 'https://qyzmet.invalid';

/**
 * A safe place to go back to after a form or a sign-in: only an absolute path on this site,
 * else `fallback`. Refused: anything not starting with one `/`, any control character (browsers
 * drop tab, CR and LF, so `/\t/evil.example` is `//evil.example` to them), any backslash
 * (read as `/`), and anything that after URL normalisation is not same-origin or begins with
 * `//` (`/.//evil.example`). Returns the normalised path, query and fragment.
 */
export function safeReturnPath(value: string | undefined, fallback: string): string {
  if (!value || value.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(value, returnBase);
  } catch {
    return fallback;
  }
  if (url.origin !== returnBase || url.username || url.password) return fallback;
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  if (!normalised.startsWith('/') || normalised.startsWith('//')) return fallback;
  return normalised;
}
