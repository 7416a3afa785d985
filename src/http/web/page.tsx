import type { Hono } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { FormError, PageContext } from './layout.js';
import { pageContext, render } from './page-context.js';
import { keepRefusal, takeRefusal } from './refusal-flash.js';
import type { WebContext, WebEnv } from './web-env.js';

/**
 * The one page convention of every workspace (issue 15): a page is one file that exports one
 * `WebPage` — its path, who may open it, its loader, its view and, when it has a form, its
 * action — and a workspace mounts its pages with `mountPages`, nothing else.
 *
 * - `guard` finds who asks (e.g. `requireStaff(c, roles)`) or throws; the error page and the
 *   sign-in redirect are the web's error handler's.
 * - `load` reads what the view shows. It runs for a GET and again when an action refuses; it is
 *   given the form state it is rendered with (empty on a plain GET, the refusal otherwise, also
 *   when a kept refusal is shown after post/redirect/get), for a page whose data follows from
 *   what was posted (the front office's intake shows the applicant identified before a refusal).
 * - `View` renders from the page context, the loaded data and the form state (the values the
 *   person posted and the errors on their fields, empty on a GET).
 * - `action` handles the POST: it answers a `Response` on success (post/redirect/get) or
 *   `refuse(values, errors)`, and the page is rendered again with the values kept and the
 *   errors linked to their fields, status 422.
 * - `actions`, for a page with several forms, each posted to its own URL: the action named
 *   `appeal` of the page `/cabinet/applications/:id` answers POST
 *   `/cabinet/applications/:id/appeal` (the name may hold parameters: `:id/read`). A refusal
 *   renders the page of `path` again, the same way as `action`'s.
 * - `statusOf`, for a page whose status follows from what it shows (a review that lists the
 *   problems to fix answers 422, on a GET too; a service page that names what is not there
 *   answers 404): it decides the status of every rendering.
 * - `redirect`, for a page that a GET does not show to everyone: the path to send the person
 *   on to instead (303), e.g. a citizen already signed in who opens the sign-in page.
 *
 * - Post/redirect/get for refusals (issue 18, point 11), on the workspaces mounted with
 *   `{ postRedirectGet: true }` (the citizen portal: sign-in, registration, the application
 *   journey, the cabinet; the administration; the front office; the staff sign-in; the back
 *   office — every workspace): a refused form (422) is kept on the server for this browser,
 *   its session and the page (`refusal-flash.ts`), the POST answers 303 to the page's GET
 *   (the page's own path, the POST's query kept), and that GET renders the errors and the
 *   values once, with the refusal's status. The back button then never asks to send the form again.
 *   A refusal too large to keep, one kept while too many are pending, or one of a page whose GET
 *   would redirect (its state is in the form, not the URL), is rendered at once.
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

/** The status of a page's rendering: a refusal's, or 404 for a page that shows what is missing. */
export type PageStatus = RefusalStatus | 404;

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
  readonly load: (c: WebContext, user: User, form: FormState) => Promise<Data>;
  readonly View: (props: ViewProps<Data>) => JSX.Element;
  readonly action?: PageAction<User>;
  /** Further forms, each posted to `${path}/${name}`. */
  readonly actions?: Readonly<Record<string, PageAction<User>>>;
  /** The status of a rendering from the data shown (overrides 200 and a refusal's status). */
  readonly statusOf?: (data: Data) => PageStatus;
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
  status: PageStatus = 200,
): Promise<Response> {
  const [ctx, data] = await Promise.all([pageContext(c), page.load(c, user, form)]);
  const { View } = page;
  return render(c, <View ctx={ctx} data={data} form={form} />, page.statusOf?.(data) ?? status);
}

function isRefusal(answer: Response | Refusal): answer is Refusal {
  return !(answer instanceof Response);
}

/** How a workspace's pages are mounted. */
export interface MountOptions {
  /** A refused form (422) answers 303 to its page, whose GET shows the refusal once. */
  readonly postRedirectGet?: boolean;
}

/**
 * The path of the page a form handler belongs to: the request's path cut to as many segments
 * as the page's route has (`/cabinet/applications/7/appeal` → `/cabinet/applications/7`).
 */
export function pagePathOf(requestPath: string, pageRoute: string): string {
  const segments = pageRoute.split('/').length;
  return requestPath.split('/').slice(0, segments).join('/') || '/';
}

/** Mounts one form handler of a page at `path`: its response, or the page again when refused. */
function mountAction<User, Data>(
  routes: Hono<WebEnv>,
  page: WebPage<User, Data>,
  path: string,
  action: PageAction<User>,
  options: MountOptions,
): void {
  routes.post(path, async (c) => {
    const user = await page.guard(c);
    const answer = await action(c, user);
    if (!isRefusal(answer)) return answer;
    const status = answer.status ?? 422;
    if (options.postRedirectGet && status === 422) {
      // The page must be one this person may see, as when it was rendered in answer: its loader
      // refuses (404, 403) before anything is kept or redirected.
      await page.load(c, user, emptyForm);
      const url = new URL(c.req.url);
      const target = pagePathOf(url.pathname, page.path);
      // A page whose GET would send the person elsewhere (its state comes in the form, not the
      // URL: the one-time-code pages) would lose the refusal on the way: it is rendered here.
      const elsewhere = page.redirect ? await page.redirect(c, user) : undefined;
      if (elsewhere === undefined && (await keepRefusal(c, target, answer, status))) {
        return c.redirect(`${target}${url.search}`, 303);
      }
    }
    return renderPage(c, page, user, answer, status);
  });
}

/**
 * Mounts pages on a workspace's router: GET renders (or redirects), POST runs the action (when
 * there is one), POST `${path}/${name}` runs each of `actions`; with `postRedirectGet` a
 * refused form answers 303 to its page (see above).
 */
export function mountPages(
  routes: Hono<WebEnv>,
  // A list of pages of different user and data types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pages: readonly WebPage<any, any>[],
  options: MountOptions = {},
): Hono<WebEnv> {
  for (const page of pages) {
    routes.get(page.path, async (c) => {
      const user = await page.guard(c);
      const elsewhere = page.redirect ? await page.redirect(c, user) : undefined;
      if (elsewhere !== undefined) return c.redirect(elsewhere, 303);
      const kept = options.postRedirectGet
        ? await takeRefusal(c, new URL(c.req.url).pathname)
        : undefined;
      return kept
        ? renderPage(c, page, user, kept.form, kept.status as PageStatus)
        : renderPage(c, page, user);
    });
    if (page.action) mountAction(routes, page, page.path, page.action, options);
    for (const [name, action] of Object.entries(page.actions ?? {})) {
      mountAction(routes, page, `${page.path}/${name}`, action, options);
    }
  }
  return routes;
}
