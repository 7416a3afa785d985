import { DomainError, type ErrorCode, type FieldIssue } from '../../domain/shared/domain-error.js';
import { enforceRateLimit } from '../../features/limits/rate-limit.js';
import { TextField, type FormError } from './layout.js';
import { refuse, type Refusal, type RefusalStatus } from './page.js';
import { clientAddress, csrfFieldName, type WebContext } from './web-env.js';

/**
 * The one form helper of the web workspaces: read the posted fields once (`readForm`), turn
 * the issues of a refused command (zod issues carried by `validation_failed`) into field
 * errors linked to their controls, and find a field's error. A page's action that refuses
 * answers `refuse(values, errors)` (`page.tsx`): the page is rendered again with the values
 * kept and these errors, status 422 (post/redirect/get on success).
 */

/** A posted form, read once: its string fields, one field by name, and the raw body (files). */
export interface PostedForm {
  readonly values: Readonly<Record<string, string>>;
  /** A string field ('' when absent or not a string). */
  readonly field: (name: string) => string;
  readonly body: Record<string, unknown>;
}

/** Reads the posted form of this request (Hono keeps the parsed body: reading twice is free). */
export async function readForm(c: WebContext): Promise<PostedForm> {
  const body: Record<string, unknown> = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') values[name] = value;
  }
  return { values, field: (name) => values[name] ?? '', body };
}

/** A string field of a parsed form ('' when absent or not a string). */
export function fieldOf(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/** The message of a field's error, if it has one. */
export function errorOf(errors: readonly FormError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

/**
 * Field errors for the issues of a refused command: each on its own control when the form
 * has one of that name, else on the first control; `message` words the issue.
 */
export function fieldErrorsOf(
  issues: readonly FieldIssue[],
  fields: readonly string[],
  message: (issue: FieldIssue) => string,
): FormError[] {
  return issues.map((issue) => ({
    field: fields.includes(issue.path) ? issue.path : fields[0]!,
    message: message(issue),
  }));
}

/** How an action words a refused command: per error code, the status and the field errors. */
export type RefusalRules = Partial<
  Record<
    ErrorCode,
    { readonly status: RefusalStatus; readonly errors: (error: DomainError) => FormError[] }
  >
>;

/**
 * The refusal of a failed command by `rules`, with the posted values kept; an error the rules
 * do not name is thrown on (to the error page).
 */
export function refuseError(
  error: unknown,
  values: Readonly<Record<string, string>>,
  rules: RefusalRules,
): Refusal {
  const rule = error instanceof DomainError ? rules[error.code] : undefined;
  if (!rule) throw error;
  return refuse(values, rule.errors(error as DomainError), rule.status);
}

/** A path with `?next=` when there is somewhere to go on to. */
export function withNext(path: string, next: string): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/** Counts a request against a limit per client address (429 past it). */
export async function limitByClient(
  c: WebContext,
  key: string,
  policy: { limit: number; windowMs: number },
): Promise<void> {
  const { database, now } = c.get('deps');
  await enforceRateLimit(database.db, `${key}:${clientAddress(c)}`, policy, now());
}

/** The six-digit one-time code control of every code form (`id="code"`). */
export function CodeField(props: { label: string; errors: readonly FormError[] }) {
  return (
    <TextField
      id="code"
      label={props.label}
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength={6}
      pattern="[0-9]{6}"
      error={errorOf(props.errors, 'code')}
      required
    />
  );
}

/**
 * The posted fields with every value of a repeated field (check boxes), without the
 * anti-forgery token: a field posted once is in `values`, a repeated one in `lists`.
 */
export async function readFormLists(c: WebContext): Promise<{
  values: Record<string, string>;
  lists: Record<string, string[]>;
}> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === csrfFieldName) continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value))
      lists[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return { values, lists };
}
