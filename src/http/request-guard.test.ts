import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestGuard } from './request-guard.js';

/** A route behind the guard that reads its JSON body twice and counts the parses of each read. */
function appReadingTwice() {
  const app = new Hono();
  app.use(requestGuard());
  app.onError((error, c) => c.json({ refused: error.message }, 400));
  app.post('/api/v1/echo', async (c) => {
    const parse = vi.spyOn(JSON, 'parse');
    const first = await c.req.json<unknown>();
    const parsesOfFirst = parse.mock.calls.length;
    const second = await c.req.json<unknown>();
    const parsesOfSecond = parse.mock.calls.length - parsesOfFirst;
    parse.mockRestore();
    return c.json({ first, second, isShared: first === second, parsesOfFirst, parsesOfSecond });
  });
  return app;
}

const post = (app: Hono, body: string) =>
  app.request('/api/v1/echo', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('the request guard and a JSON body', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hands the value it checked to the route: the first read parses nothing again', async () => {
    const body = { applicant: { name: 'Әсем' }, answers: [1, 2, { tick: true }] };
    const answer = await post(appReadingTwice(), JSON.stringify(body));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      first: body,
      second: body,
      // A later read parses the text as before: no two readers share one object.
      isShared: false,
      parsesOfFirst: 0,
      parsesOfSecond: 1,
    });
  });

  it('still refuses what it refused: a NUL in a string is a 400, the route never runs', async () => {
    const answer = await post(appReadingTwice(), JSON.stringify({ name: 'a\u0000b' }));
    expect(answer.status).toBe(400);
  });

  it('leaves a body that is not JSON to the route, which parses it and fails as before', async () => {
    const answer = await post(appReadingTwice(), '{"unfinished":');
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ refused: expect.stringContaining('JSON') });
  });
});
