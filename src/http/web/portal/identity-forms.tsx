import { DomainError, type FieldIssue } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { errorOf, fieldErrorsOf, withNext } from '../form.js';
import { TextField, type FormError, type PageContext } from '../layout.js';
import { common } from '../messages.js';
import type { WebContext } from '../web-env.js';
import { fill, issueMessage, portalText as text } from './texts.js';

/**
 * What the portal's sign-in and registration pages share: the identity services, the IIN and
 * password controls, and the wording of refused identity commands.
 */

/** The services the identity use cases take. */
export function identityServices(c: WebContext) {
  const { database, sms, registries } = c.get('deps');
  return { db: database.db, sms, registries };
}

/** The form errors of a refused identity command (zod issues), worded for the portal. */
export const issueErrorsOf = (
  issues: readonly FieldIssue[],
  locale: Locale,
  fields: readonly string[],
) => fieldErrorsOf(issues, fields, (issue) => issueMessage(issue, locale));

/** One error on `field` saying what the refused check said ("required", with its message). */
export function requiredError(field: string, message: unknown, locale: Locale): FormError[] {
  return [{ field, message: issueMessage({ path: field, rule: 'required', message }, locale) }];
}

/** An error on the IIN field: it must have twelve digits. */
export function iinLengthError(locale: Locale): FormError {
  return {
    field: 'iin',
    message: issueMessage({ path: 'iin', rule: 'length_exact', params: { length: 12 } }, locale),
  };
}

/** The IIN field of the registration forms. */
export function IinField(props: { ctx: PageContext; value: string; errors: readonly FormError[] }) {
  return (
    <TextField
      id="iin"
      label={common.iin[props.ctx.locale]}
      value={props.value}
      inputmode="numeric"
      autocomplete="username"
      maxlength={12}
      pattern="[0-9]{12}"
      error={errorOf(props.errors, 'iin')}
      required
    />
  );
}

/** The new password, twice. */
export function PasswordFields(props: { ctx: PageContext; errors: readonly FormError[] }) {
  const locale = props.ctx.locale;
  return (
    <>
      <TextField
        id="password"
        type="password"
        label={common.password[locale]}
        hint={text.passwordHint[locale]}
        autocomplete="new-password"
        error={errorOf(props.errors, 'password')}
        required
      />
      <TextField
        id="password2"
        type="password"
        label={text.passwordRepeat[locale]}
        autocomplete="new-password"
        error={errorOf(props.errors, 'password2')}
        required
      />
    </>
  );
}

/** After a registration: the sign-in page with its "registered" notice (and where to go on). */
export function toSignInRegistered(c: WebContext, next: string): Response {
  const query = new URLSearchParams({ registered: '1' });
  if (next) query.set('next', next);
  return c.redirect(`/login?${query.toString()}`, 303);
}

/** "Back" to the previous step of a sign-in or registration, keeping where to go on. */
export function BackLink(props: { ctx: PageContext; path: string; next: string }) {
  return (
    <p>
      <a href={withNext(props.path, props.next)}>{common.back[props.ctx.locale]}</a>
    </p>
  );
}

/**
 * A one-time code refused because the phone had too many codes or too many wrong codes this
 * hour (issue 18): what to tell the person — how long until a new code can be sent — and the
 * Retry-After; undefined for any other error.
 */
export function codeLimitRefusal(
  error: unknown,
  locale: Locale,
): { message: string; retryAfterSeconds: number } | undefined {
  if (!(error instanceof DomainError) || error.code !== 'rate_limited') return undefined;
  const reason = error.details.reason;
  if (reason !== 'otp_send_limit' && reason !== 'otp_guess_limit') return undefined;
  const retryAfterSeconds = Math.max(1, Number(error.details.retryAfterSeconds ?? 60));
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const wording = reason === 'otp_send_limit' ? text.codeSendLimit : text.codeGuessLimit;
  return { message: fill(wording[locale], { minutes }), retryAfterSeconds };
}
