import { expect } from 'vitest';

/** The cookie header after a response's Set-Cookie (pairs replaced, added or removed). */
export function withSetCookies(cookie: string, response: Response): string {
  const jar = new Map(
    cookie
      .split(/;\s*/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  for (const set of response.headers.getSetCookie()) {
    const [pair = ''] = set.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    if (/max-age=0/i.test(set) || value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * Post/redirect/get of a refused form (issue 18, point 11): checks that `posted` is a 303 to
 * `page` and opens it as the same browser would (its cookies, with what the POST set), which
 * shows the refusal.
 */
export async function openRefusedForm(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  posted: Response,
  cookie: string,
  page: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  expect(posted.status).toBe(303);
  expect(posted.headers.get('location')).toBe(page);
  return app.request(page, { headers: { ...headers, cookie: withSetCookies(cookie, posted) } });
}
