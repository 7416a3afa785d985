import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  formFlashKey,
  formFlashTtlMs,
  keepRefusedForm,
  takeRefusedForm,
} from '../../features/forms/refused-form-flash.js';
import type { JsonObject } from '../../storage/schema.js';
import { isSecureDeployment, sessionCookieName } from '../session-cookie.js';
import type { FormError } from './layout.js';
import type { WebContext } from './web-env.js';

/**
 * Post/redirect/get for a refused form (issue 18, point 11). The refusal (values, errors, the
 * form's status) is kept on the server (`form_flash`), keyed to this browser's anti-forgery
 * token, its session and the page's path; the POST answers 303 to the page, and its GET shows
 * the refusal once. A marker cookie (`qyzmet_form`, no content of the form, a few minutes)
 * tells a GET to look, so pages without a refusal pending read nothing more.
 */
export const formFlashCookieName = 'qyzmet_form';

/** A refused form as the page convention shows it (`FormState` of `page.tsx`). */
export interface KeptForm {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: readonly FormError[];
  readonly form?: string;
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  readonly conflict?: {
    readonly message: string;
    readonly status?: string;
    readonly allowed?: readonly string[];
  };
}

/** Fields never kept across the redirect (shown empty again, as a refusal always does). */
const neverKept = /password|^_csrf$/i;

function keyOf(c: WebContext, path: string): string {
  return formFlashKey(c.get('csrfToken'), getCookie(c, sessionCookieName) ?? '', path);
}

/**
 * Keeps the refusal for the GET of `path` and sets the marker cookie. False when it could not
 * be kept (too large, too many pending): the caller shows the refusal at once instead.
 */
export async function keepRefusal(
  c: WebContext,
  path: string,
  form: KeptForm,
  status: number,
): Promise<boolean> {
  const { database, now } = c.get('deps');
  const values = Object.fromEntries(
    Object.entries(form.values).filter(([name]) => !neverKept.test(name)),
  );
  const payload = {
    status,
    values,
    errors: form.errors.map(({ field, message }) => ({ field, message })),
    ...(form.form === undefined ? {} : { form: form.form }),
    ...(form.lists === undefined ? {} : { lists: { ...form.lists } }),
    ...(form.conflict === undefined ? {} : { conflict: { ...form.conflict } }),
  } as unknown as JsonObject;
  const kept = await keepRefusedForm(database.db, keyOf(c, path), payload, now());
  if (!kept) return false;
  setCookie(c, formFlashCookieName, '1', {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecureDeployment(c),
    maxAge: Math.floor(formFlashTtlMs / 1000),
  });
  return true;
}

/** A refusal kept for the GET of `path`, with its status (read once), or undefined. */
export async function takeRefusal(
  c: WebContext,
  path: string,
): Promise<{ form: KeptForm; status: number } | undefined> {
  if (getCookie(c, formFlashCookieName) === undefined) return undefined;
  const { database, now } = c.get('deps');
  const payload = await takeRefusedForm(database.db, keyOf(c, path), now());
  if (!payload) return undefined;
  deleteCookie(c, formFlashCookieName, { path: '/', secure: isSecureDeployment(c) });
  const kept = payload as unknown as KeptForm & { status: number };
  const errors: FormError[] = kept.errors.map(({ field, message }) => ({ field, message }));
  return {
    status: kept.status,
    form: {
      values: kept.values,
      errors,
      ...(kept.form === undefined ? {} : { form: kept.form }),
      ...(kept.lists === undefined ? {} : { lists: kept.lists }),
      ...(kept.conflict === undefined ? {} : { conflict: kept.conflict }),
    },
  };
}
