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
 * - `actions`, for a page with several forms, each posted to its own URL: the action named
 *   `appeal` of the page `/cabinet/applications/:id` answers POST
 *   `/cabinet/applications/:id/appeal` (the name may hold parameters: `:id/read`). A refusal
 *   renders the page of `path` again, the same way as `action`'s.
 * - `redirect`, for a page that a GET does not show to everyone: the path to send the person
 *   on to instead (303), e.g. a citizen already signed in who opens the sign-in page.
 *
 * - A refusal may name which of the page's forms was posted (`form`), keep the values of its
 *   repeated fields (`lists`), or refuse the whole form (`conflict`: the message, the current
 *   state and what is allowed now; 409, or 403 for a role that may not) instead of a field.
 *
 * The posted form is read once with `readForm` (`form.tsx`), the one form helper. Shared
 * markup (due times, status tags, tables) is in `components.tsx`.
 */
export interface FormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: readonly FormError[];
  /** Which of the page's forms was posted, when it has several (the back office's actions). */
  readonly form?: string;
  /** The posted values of multi-valued fields (check boxes), by name. */
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  /**
   * A refusal of the whole form (403, 409): the message, the current state and what is
   * allowed now, shown as one notice instead of field errors.
   */
  readonly conflict?: Conflict;
}

/** A form refused because of the state or the role: what the notice says. */
export interface Conflict {
  readonly message: string;
  readonly status?: string;
  readonly allowed?: readonly string[];
}

/** What an action answers when the posted form is refused. */
export interface Refusal extends FormState {
  readonly refused: true;
  /**
   * 422 (the default) for invalid input, 409 for a state that no longer allows it, 403 for a
   * role that may not, 401 for refused credentials, 429 for a locked sign-in, 200 for a form
   * shown again to go on (a further choice asked).
   */
  readonly status?: RefusalStatus;
}

export type RefusalStatus = 200 | 401 | 403 | 409 | 422 | 429;

/** The refusal an action returns: render the page again with these values and errors. */
export function refuse(
  values: Readonly<Record<string, string>>,
  errors: readonly FormError[],
  status: RefusalStatus = 422,
  more: Pick<FormState, 'form' | 'lists' | 'conflict'> = {},
): Refusal {
  return { refused: true, values, errors, status, ...more };
}

/** The empty form state of a GET. */
export const emptyForm: FormState = { values: {}, errors: [] };

export interface ViewProps<Data> {
  readonly ctx: PageContext;
  readonly data: Data;
  readonly form: FormState;
}

/** A page's form handler: a response on success, else the refusal to render. */
export type PageAction<User> = (c: WebContext, user: User) => Promise<Response | Refusal>;

export interface WebPage<User, Data> {
  /** The route, in Hono's syntax (`/back-office/applications/:id`). */
  readonly path: string;
  readonly guard: (c: WebContext) => Promise<User>;
  readonly load: (c: WebContext, user: User) => Promise<Data>;
  readonly View: (props: ViewProps<Data>) => JSX.Element;
  readonly action?: PageAction<User>;
  /** Further forms, each posted to `${path}/${name}`. */
  readonly actions?: Readonly<Record<string, PageAction<User>>>;
  /** Where a GET sends the person on to instead of showing the page (303), if anywhere. */
  readonly redirect?: (c: WebContext, user: User) => Promise<string | undefined>;
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
  status: RefusalStatus = 200,
): Promise<Response> {
  const [ctx, data] = await Promise.all([pageContext(c), page.load(c, user)]);
  const { View } = page;
  return render(c, <View ctx={ctx} data={data} form={form} />, status);
}

function isRefusal(answer: Response | Refusal): answer is Refusal {
  return !(answer instanceof Response);
}

/** Mounts one form handler of a page at `path`: its response, or the page again when refused. */
function mountAction<User, Data>(
  routes: Hono<WebEnv>,
  page: WebPage<User, Data>,
  path: string,
  action: PageAction<User>,
): void {
  routes.post(path, async (c) => {
    const user = await page.guard(c);
    const answer = await action(c, user);
    if (!isRefusal(answer)) return answer;
    return renderPage(c, page, user, answer, answer.status ?? 422);
  });
}

/**
 * Mounts pages on a workspace's router: GET renders (or redirects), POST runs the action (when
 * there is one), POST `${path}/${name}` runs each of `actions`.
 */
export function mountPages(
  routes: Hono<WebEnv>,
  // A list of pages of different user and data types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pages: readonly WebPage<any, any>[],
): Hono<WebEnv> {
  for (const page of pages) {
    routes.get(page.path, async (c) => {
      const user = await page.guard(c);
      const elsewhere = page.redirect ? await page.redirect(c, user) : undefined;
      if (elsewhere !== undefined) return c.redirect(elsewhere, 303);
      return renderPage(c, page, user);
    });
    if (page.action) mountAction(routes, page, page.path, page.action);
    for (const [name, action] of Object.entries(page.actions ?? {})) {
      mountAction(routes, page, `${page.path}/${name}`, action);
    }
  }
  return routes;
}
