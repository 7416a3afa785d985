/**
 * Sets headers on the response a middleware's `next()` produced, in place.
 *
 * Hono's `c.header()` after the response exists copies the whole response for every header it
 * sets (`new Response(res.body, res)`), and the copy's body is a stream: the Node adapter then
 * sends every page and JSON answer through its slow streaming path instead of writing the string
 * at once (issue 21, the per-request cost of the HTTP stack). The response's own headers are
 * mutable for every response this application makes; an immutable one (a fetched response)
 * falls back to `c.header()`.
 */
export function setResponseHeaders(
  c: { readonly res: Response; header(name: string, value: string): void },
  headers: Readonly<Record<string, string>>,
): void {
  const target = c.res.headers;
  try {
    for (const [name, value] of Object.entries(headers)) target.set(name, value);
  } catch {
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  }
}
