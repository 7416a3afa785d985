import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error.js';
import { confirmCitizenLogin } from '../../features/identity/confirm-citizen-login.js';
import type { IdentityServices } from '../../features/identity/identity-services.js';
import { confirmCitizenRegistration } from '../../features/identity/confirm-citizen-registration.js';
import {
  issueRegistrationChallenge,
  registerCitizenWithSignature,
} from '../../features/identity/register-citizen-with-signature.js';
import { startCitizenRegistration } from '../../features/identity/start-citizen-registration.js';
import { requestPasswordReset, resetPassword } from '../../features/identity/reset-password.js';
import { getSession, logOut, logOutEverywhere } from '../../features/identity/sessions.js';
import { startCitizenLogin } from '../../features/identity/start-citizen-login.js';
import {
  enforceRateLimit,
  rateLimitPolicies,
  type RateLimitPolicy,
} from '../../features/limits/rate-limit.js';
import type { RegistryGateway } from '../../integrations/registries.js';
import type { SmsSender } from '../../integrations/sms/sms-sender.js';
import type { AppEnv } from '../app-env.js';
import { clientAddress } from '../client-address.js';
import { sessionCookieName, setSessionCookie } from '../session-cookie.js';
import { documentSigningContext } from '../signing-context.js';

export { sessionCookieName };

const RegistrationStart = z.object({ iin: z.string() });
const RegistrationConfirm = z.object({
  iin: z.string(),
  challengeId: z.string(),
  code: z.string(),
  password: z.string(),
});
const SignatureRegistration = z.object({
  iin: z.string(),
  challenge: z.string(),
  cms: z.string(),
  password: z.string(),
  phone: z.string(),
});
const Credentials = z.object({ iin: z.string(), password: z.string() });
const Answer = z.object({ challengeId: z.string(), code: z.string() });
const ResetStart = z.object({ iin: z.string() });
const ResetConfirm = z.object({
  challengeId: z.string(),
  code: z.string(),
  newPassword: z.string(),
});

/**
 * The per-address limit of each route under /api/auth, keyed as the portal's pages key theirs
 * (a guess through the API and one through the sign-in page count together).
 */
function authLimitOf(method: string, path: string): { key: string; policy: RateLimitPolicy } {
  if (
    method === 'POST' &&
    (path === '/api/auth/register' || path.startsWith('/api/auth/register/'))
  ) {
    return { key: 'citizen-register', policy: rateLimitPolicies.registration };
  }
  if (method === 'POST' && path === '/api/auth/login') {
    return { key: 'citizen-login', policy: rateLimitPolicies.login };
  }
  if (
    method === 'POST' &&
    [
      '/api/auth/login/confirm',
      '/api/auth/password-reset',
      '/api/auth/password-reset/confirm',
    ].includes(path)
  ) {
    return { key: 'citizen-otp', policy: rateLimitPolicies.oneTimePassword };
  }
  return { key: 'auth-session', policy: rateLimitPolicies.session };
}

async function body<T>(c: Context<AppEnv>, schema: z.ZodType<T>): Promise<T> {
  if (!c.req.header('content-type')?.startsWith('application/json')) {
    throw new DomainError('validation_failed', { issues: [{ path: '', rule: 'json_body' }] });
  }
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) {
    throw new DomainError('validation_failed', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        rule: issue.code,
      })),
    });
  }
  return parsed.data;
}

type AuthServices = (c: Context<AppEnv>) => IdentityServices & { registries: RegistryGateway };

/** Counts a registration request against the address's limit (codes more strictly). */
const limit = (c: Context<AppEnv>, key: string) =>
  enforceRateLimit(
    c.get('deps').database.db,
    `${key}:${clientAddress(c)}`,
    key === 'api-register-code' ? rateLimitPolicies.oneTimePassword : rateLimitPolicies.login,
    c.get('deps').now(),
  );

const token = (c: Context<AppEnv>) => getCookie(c, sessionCookieName) ?? '';

/**
 * Registration proves the IIN (docs/identity-and-registries.md): a one-time code sent to the
 * phone the mobile-citizens registry holds for it, or an ЭЦП authentication signature.
 */
function mountRegistration(routes: Hono<AppEnv>, services: AuthServices): void {
  routes.post('/api/auth/register', async (c) => {
    const request = await body(c, RegistrationStart);
    await limit(c, 'api-register');
    const challenge = await startCitizenRegistration(services(c), request, c.get('deps').now());
    return c.json(challenge, 202);
  });

  routes.post('/api/auth/register/confirm', async (c) => {
    const answer = await body(c, RegistrationConfirm);
    await limit(c, 'api-register-code');
    const citizen = await confirmCitizenRegistration(services(c), answer, c.get('deps').now());
    return c.json({ citizenAccountId: citizen.citizenAccountId }, 201);
  });

  routes.post('/api/auth/register/signature/challenge', async (c) => {
    const { iin } = await body(c, RegistrationStart);
    await limit(c, 'api-register');
    return c.json({ challenge: issueRegistrationChallenge(iin.trim(), c.get('deps').now()) });
  });

  routes.post('/api/auth/register/signature', async (c) => {
    const registration = await body(c, SignatureRegistration);
    await limit(c, 'api-register');
    const citizen = await registerCitizenWithSignature(
      { db: c.get('deps').database.db, trustStore: documentSigningContext(c).trustStore },
      registration,
      c.get('deps').now(),
    );
    return c.json({ citizenAccountId: citizen.citizenAccountId }, 201);
  });
}

/** Sign-in with a one-time code, the session, sign-out and the password reset. */
function mountSessions(routes: Hono<AppEnv>, services: AuthServices): void {
  routes.post('/api/auth/login', async (c) => {
    const challenge = await startCitizenLogin(
      services(c),
      { ...(await body(c, Credentials)), source: clientAddress(c) },
      c.get('deps').now(),
    );
    return c.json(challenge, 202);
  });

  routes.post('/api/auth/login/confirm', async (c) => {
    const session = await confirmCitizenLogin(
      services(c),
      await body(c, Answer),
      c.get('deps').now(),
    );
    setSessionCookie(c, session.token, session.expiresAt);
    return c.json({ citizenAccountId: session.citizenAccountId, expiresAt: session.expiresAt });
  });

  routes.get('/api/auth/session', async (c) => {
    const session = await getSession(services(c), token(c), c.get('deps').now());
    return c.json({
      subjectKind: session.subjectKind,
      subjectId: session.subjectId,
      expiresAt: session.expiresAt,
    });
  });

  routes.post('/api/auth/logout', async (c) => {
    await logOut(services(c), token(c), c.get('deps').now());
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.body(null, 204);
  });

  routes.post('/api/auth/logout-everywhere', async (c) => {
    const ended = await logOutEverywhere(services(c), token(c), c.get('deps').now());
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.json({ sessionsEnded: ended });
  });

  routes.post('/api/auth/password-reset', async (c) => {
    const { iin } = await body(c, ResetStart);
    return c.json(await requestPasswordReset(services(c), iin, c.get('deps').now()), 202);
  });

  routes.post('/api/auth/password-reset/confirm', async (c) => {
    await resetPassword(services(c), await body(c, ResetConfirm), c.get('deps').now());
    return c.body(null, 204);
  });
}

/**
 * JSON routes for citizen authentication under /api/auth. Handlers only parse and call a
 * feature; the session token travels in an HttpOnly, SameSite=Lax cookie (Secure when
 * the public URL is https or in production).
 */
export function authRoutes(options: { sms: SmsSender }) {
  const routes = new Hono<AppEnv>();
  const services: AuthServices = (c) => ({
    db: c.get('deps').database.db,
    sms: options.sms,
    registries: c.get('deps').registries,
  });
  // Every route under /api/auth is limited per client address, counted in the database.
  routes.use('/api/auth/*', async (c, next) => {
    const { key, policy } = authLimitOf(c.req.method, c.req.path);
    const { database, now } = c.get('deps');
    await enforceRateLimit(database.db, `${key}:${clientAddress(c)}`, policy, now());
    await next();
  });
  mountRegistration(routes, services);
  mountSessions(routes, services);
  return routes;
}
