import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppDependencies } from './app-env.js';

/** The name of the session cookie (citizens and staff). */
export const sessionCookieName = 'qyzmet_session';

/** Whether cookies must be Secure: in production, or when the public address is https. */
export function isSecureDeployment(c: Context): boolean {
  const { config } = c.get('deps') as AppDependencies;
  return config.env === 'production' || config.http.publicUrl.startsWith('https:');
}

/**
 * Sets the session cookie, HttpOnly and SameSite=Lax. Its lifetime is a Max-Age counted on the
 * server's clock rather than an Expires date: a browser whose clock disagrees with the server's
 * (or a server running on an injected clock) still keeps the session exactly as long as the
 * server does.
 */
export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  const { now } = c.get('deps') as AppDependencies;
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now().getTime()) / 1000));
  setCookie(c, sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecureDeployment(c),
    maxAge,
  });
}
