import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppDependencies } from '../app-env.js';
import { definePage, mountPages, pagePathOf, refuse } from './page.js';
import type { WebEnv } from './web-env.js';

/** Only what `pageContext` reads of the dependencies. */
const deps = {
  applications: { regulations: { vocabulary: {} } },
  config: { sandbox: false },
} as unknown as AppDependencies;

const greeting = definePage({
  path: '/greet/:name',
  guard: async (c) => {
    if (c.req.header('x-who') !== 'staff') throw new Error('not allowed');
    return { who: 'staff' };
  },
  load: async (c, user) => ({ name: c.req.param('name') ?? '', who: user.who }),
  View: ({ data, form }) => (
    <main>
      <p id="greeting">
        {data.who} greets {data.name}
      </p>
      <input name="word" value={form.values.word ?? ''} />
      {form.errors.map((error) => (
        <p class="error" data-field={error.field}>
          {error.message}
        </p>
      ))}
    </main>
  ),
  action: async (c) => {
    const word = String((await c.req.parseBody()).word ?? '');
    if (word.length < 3) return refuse({ word }, [{ field: 'word', message: 'too short' }]);
    return c.redirect(`/greet/${c.req.param('name')}?said=${word}`, 303);
  },
});

function app() {
  const web = new Hono<WebEnv>();
  web.use(async (c, next) => {
    c.set('deps', deps);
    c.set('locale', 'ru');
    c.set('csrfToken', 'token');
    c.set('signedInUser', Promise.resolve(undefined));
    await next();
  });
  web.onError((error, c) => c.text(error.message, 403));
  return mountPages(web, [greeting]);
}

const staff = { 'x-who': 'staff' };
const form = (word: string) => ({
  method: 'POST',
  headers: { ...staff, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ word }).toString(),
});

describe('the page convention (definePage, mountPages)', () => {
  it('renders the loaded data through the view, as a standards-mode page', async () => {
    const response = await app().request('/greet/Aigerim', { headers: staff });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('staff greets Aigerim');
    expect(html).not.toContain('class="error"');
  });

  it('runs the guard before loading: a refused guard is the error handler’s', async () => {
    const response = await app().request('/greet/Aigerim');
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('not allowed');
    const post = await app().request('/greet/Aigerim', { ...form('hello'), headers: {} });
    expect(post.status).toBe(403);
  });

  it('renders a refused form again with 422, the values kept and the field errors', async () => {
    const response = await app().request('/greet/Aigerim', form('hi'));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('value="hi"');
    expect(html).toContain('<p class="error" data-field="word">too short</p>');
    expect(html).toContain('staff greets Aigerim');
  });

  it('answers an accepted form with the action’s response (post/redirect/get)', async () => {
    const response = await app().request('/greet/Aigerim', form('hello'));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/greet/Aigerim?said=hello');
  });

  it('mounts no POST for a page without an action', async () => {
    const readOnly = definePage({ ...greeting, path: '/read', action: undefined });
    const web = mountPages(new Hono<WebEnv>(), [readOnly]);
    expect((await web.request('/read', { method: 'POST' })).status).toBe(404);
  });

  it('mounts each of several actions at its own URL below the page, refusals render the page', async () => {
    const withForms = definePage({
      ...greeting,
      action: undefined,
      actions: {
        wave: async (c) => c.redirect(`/greet/${c.req.param('name')}?waved=1`, 303),
        ':word/say': async (c) =>
          refuse({ word: c.req.param('word') ?? '' }, [{ field: 'word', message: 'no' }], 409),
      },
    });
    const web = app();
    mountPages(web, [{ ...withForms, path: '/forms/:name' }]);
    const waved = await web.request('/forms/Aigerim/wave', form('hello'));
    expect(waved.status).toBe(303);
    expect(waved.headers.get('location')).toBe('/greet/Aigerim?waved=1');
    const said = await web.request('/forms/Aigerim/hey/say', form('hello'));
    expect(said.status).toBe(409);
    const html = await said.text();
    expect(html).toContain('value="hey"');
    expect(html).toContain('<p class="error" data-field="word">no</p>');
    expect(html).toContain('staff greets Aigerim');
    expect((await web.request('/forms/Aigerim', form('hello'))).status).toBe(404);
    expect(
      (await web.request('/forms/Aigerim/wave', { ...form('hello'), headers: {} })).status,
    ).toBe(403);
  });

  it.each([
    ['/cabinet/applications/7/appeal', '/cabinet/applications/:id', '/cabinet/applications/7'],
    ['/forms/Aigerim/hey/say', '/forms/:name', '/forms/Aigerim'],
    ['/login', '/login', '/login'],
    ['/apply/r-1/d-2/review', '/apply/:regulationId/:draftId/review', '/apply/r-1/d-2/review'],
  ])('a form posted to %s belongs to the page %s: %s', (posted, route, page) => {
    expect(pagePathOf(posted, route)).toBe(page);
  });

  it('answers a GET with the redirect a page asks for, else renders it', async () => {
    const elsewhere = definePage({
      ...greeting,
      path: '/maybe/:name',
      redirect: async (c) => (c.req.query('away') === '1' ? '/away' : undefined),
    });
    const web = mountPages(app(), [elsewhere]);
    const away = await web.request('/maybe/Aigerim?away=1', { headers: staff });
    expect(away.status).toBe(303);
    expect(away.headers.get('location')).toBe('/away');
    const shown = await web.request('/maybe/Aigerim', { headers: staff });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('staff greets Aigerim');
  });

  it('lets the data shown decide the status when the page says so (statusOf)', async () => {
    const judged = definePage({
      ...greeting,
      path: '/judged/:name',
      statusOf: (data) => (data.name === 'x' ? 422 : 200),
    });
    const web = mountPages(app(), [judged]);
    expect((await web.request('/judged/x', { headers: staff })).status).toBe(422);
    expect((await web.request('/judged/Aigerim', { headers: staff })).status).toBe(200);
    expect((await web.request('/judged/Aigerim', form('hi'))).status).toBe(200);
  });
});

describe('a refusal of the whole form (403, 409), of one of several forms', () => {
  const guarded = definePage({
    path: '/case/:id',
    guard: async () => ({ who: 'staff' }),
    load: async (c) => ({ id: c.req.param('id') ?? '' }),
    View: ({ data, form }) => (
      <main>
        <p id="case">{data.id}</p>
        {form.conflict ? (
          <p id="conflict">
            {form.conflict.message} {form.conflict.status} {form.conflict.allowed?.join(', ')}
          </p>
        ) : null}
        <p id="form">{form.form ?? 'none'}</p>
        <p id="lists">{(form.lists?.grounds ?? []).join('|')}</p>
      </main>
    ),
    actions: {
      'actions/:action': async (c) =>
        c.req.param('action') === 'close'
          ? refuse({}, [], 409, {
              conflict: { message: 'Not now.', status: 'Closed', allowed: ['reopen'] },
            })
          : refuse({ note: 'x' }, [], 403, { form: 'assign', lists: { grounds: ['a', 'b'] } }),
    },
  });

  it('renders the page of the path again with the conflict and its status code', async () => {
    const app = new Hono<WebEnv>();
    app.use(async (c, next) => {
      c.set('deps', deps);
      c.set('locale', 'ru');
      c.set('csrfToken', 'token');
      c.set('signedInUser', Promise.resolve(undefined));
      await next();
    });
    app.route('/', mountPages(new Hono<WebEnv>(), [guarded]));
    const closed = await app.request('/case/7/actions/close', { method: 'POST' });
    expect(closed.status).toBe(409);
    const html = await closed.text();
    expect(html).toContain('<p id="case">7</p>');
    expect(html).toContain('<p id="conflict">Not now. Closed reopen</p>');
    expect(html).toContain('<p id="form">none</p>');
    const assign = await app.request('/case/7/actions/assign', { method: 'POST' });
    expect(assign.status).toBe(403);
    const assigned = await assign.text();
    expect(assigned).toContain('<p id="form">assign</p>');
    expect(assigned).toContain('<p id="lists">a|b</p>');
    expect(assigned).not.toContain('id="conflict"');
  });
});
