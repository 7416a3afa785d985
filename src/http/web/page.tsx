import type { Hono } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { FormError, PageContext } from './layout.js';
import { pageContext, render } from './page-context.js';
import type { WebContext, WebEnv } from './web-env.js';

/**
 * The one page convention of every workspace (issue 15): a page is one file that exports one
 * `WebPage` — its path, who may open it, its loader, its view and, when it has a form, its
 * action — and a workspace mounts its pages with `mountPages`, nothing else.
 *
 * - `guard` finds who asks (e.g. `requireStaff(c, roles)`) or throws; the error page and the
 *   sign-in redirect are the web's error handler's.
 * - `load` reads what the view shows. It runs for a GET and again when an action refuses.
 * - `View` renders from the page context, the loaded data and the form state (the values the
 *   person posted and the errors on their fields, empty on a GET).
 * - `action` handles the POST: it answers a `Response` on success (post/redirect/get) or
 *   `refuse(values, errors)`, and the page is rendered again with the values kept and the
 *   errors linked to their fields, status 422.
 */
export interface FormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: readonly FormError[];
}

/** What an action answers when the posted form is refused. */
export interface Refusal extends FormState {
  readonly refused: true;
  /** 422 (the default) for invalid input, 409 for a state that no longer allows it. */
  readonly status?: 409 | 422;
}

/** The refusal an action returns: render the page again with these values and errors. */
export function refuse(
  values: Readonly<Record<string, string>>,
  errors: readonly FormError[],
  status: 409 | 422 = 422,
): Refusal {
  return { refused: true, values, errors, status };
}

/** The empty form state of a GET. */
export const emptyForm: FormState = { values: {}, errors: [] };

export interface ViewProps<Data> {
  readonly ctx: PageContext;
  readonly data: Data;
  readonly form: FormState;
}

export interface WebPage<User, Data> {
  /** The route, in Hono's syntax (`/back-office/applications/:id`). */
  readonly path: string;
  readonly guard: (c: WebContext) => Promise<User>;
  readonly load: (c: WebContext, user: User) => Promise<Data>;
  readonly View: (props: ViewProps<Data>) => JSX.Element;
  readonly action?: (c: WebContext, user: User) => Promise<Response | Refusal>;
}

/** Declares a page (the identity; it lets TypeScript infer the user and data types). */
export function definePage<User, Data>(page: WebPage<User, Data>): WebPage<User, Data> {
  return page;
}

/** Renders a page's view for this request with the given form state and status. */
export async function renderPage<User, Data>(
  c: WebContext,
  page: WebPage<User, Data>,
  user: User,
  form: FormState = emptyForm,
  status: 200 | 409 | 422 = 200,
): Promise<Response> {
  const [ctx, data] = await Promise.all([pageContext(c), page.load(c, user)]);
  const { View } = page;
  return render(c, <View ctx={ctx} data={data} form={form} />, status);
}

function isRefusal(answer: Response | Refusal): answer is Refusal {
  return !(answer instanceof Response);
}

/** Mounts pages on a workspace's router: GET renders, POST runs the action (when there is one). */
export function mountPages(
  routes: Hono<WebEnv>,
  // A list of pages of different user and data types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pages: readonly WebPage<any, any>[],
): Hono<WebEnv> {
  for (const page of pages) {
    routes.get(page.path, async (c) => renderPage(c, page, await page.guard(c)));
    const action = page.action;
    if (!action) continue;
    routes.post(page.path, async (c) => {
      const user = await page.guard(c);
      const answer = await action(c, user);
      if (!isRefusal(answer)) return answer;
      return renderPage(c, page, user, answer, answer.status ?? 422);
    });
  }
  return routes;
}
