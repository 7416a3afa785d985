import { getCookie } from 'hono/cookie';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { StaffRole } from '../../domain/shared/roles.js';
import { findSignedInUser, type SignedInUser } from '../../features/identity/signed-in-user.js';
import { runsVacancyQueue } from '../../features/kindergarten/runs-vacancy-queue.js';
import { sessionCookieName } from '../api/auth.js';
import type { PageContext } from './layout.js';
import type { WebContext } from './web-env.js';

/** The signed-in person of this request (looked up once per request), or undefined. */
export function currentUser(c: WebContext): Promise<SignedInUser | undefined> {
  let user = c.get('signedInUser');
  if (!user) {
    const { database, now } = c.get('deps');
    user = findSignedInUser(database.db, getCookie(c, sessionCookieName), now());
    c.set('signedInUser', user);
  }
  return user;
}

/** What the layout needs: language, anti-forgery token, this path and the signed-in person. */
export async function pageContext(c: WebContext): Promise<PageContext> {
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  const user = await currentUser(c);
  const { regulations } = c.get('deps').applications;
  return {
    locale: c.get('locale'),
    csrfToken: c.get('csrfToken'),
    path: `${url.pathname}${url.search}`,
    user,
    vocabulary: regulations.vocabulary,
    sandbox: c.get('deps').config.sandbox,
    ...(user?.kind === 'staff'
      ? {
          organisationFacts: { runsVacancyQueue: runsVacancyQueue(regulations, user.organisation) },
        }
      : {}),
  };
}

/** Sends a rendered page (standards mode: with the doctype). */
export async function render(
  c: WebContext,
  page: JSX.Element,
  status: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503 = 200,
) {
  return c.html(`<!doctype html>${await page.toString()}`, status);
}

/** The signed-in citizen, or DomainError('unauthenticated') (the web turns it into the login page). */
export async function requireCitizen(c: WebContext): Promise<SignedInUser & { kind: 'citizen' }> {
  const user = await currentUser(c);
  if (user?.kind !== 'citizen') {
    throw new DomainError('unauthenticated', { reason: 'citizen_login_required' });
  }
  return user;
}

/**
 * The signed-in staff member holding at least one of `roles` (any role when empty), or
 * DomainError('unauthenticated') without a staff session, 'forbidden' without the role.
 */
export async function requireStaff(
  c: WebContext,
  roles: readonly StaffRole[] = [],
): Promise<SignedInUser & { kind: 'staff' }> {
  const user = await currentUser(c);
  if (user?.kind !== 'staff') {
    throw new DomainError('unauthenticated', { reason: 'staff_login_required' });
  }
  if (roles.length > 0 && !roles.some((role) => user.roles.includes(role))) {
    throw new DomainError('forbidden', { reason: 'role_required', roles: [...roles] });
  }
  return user;
}
