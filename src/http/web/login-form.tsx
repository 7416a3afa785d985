import type { Child } from 'hono/jsx';
import { errorOf } from './form.js';
import { CsrfField, TextField, type FormError, type PageContext } from './layout.js';
import { common } from './messages.js';

/**
 * The one sign-in form (IIN and password) of the citizen portal (`/login`) and the staff
 * (`/staff/login`); the staff's adds the choice of organisation as `children`.
 */
export function LoginForm(props: {
  ctx: PageContext;
  action: '/login' | '/staff/login';
  next: string;
  iin: string;
  errors: readonly FormError[];
  /** The portal's IIN control also says it wants twelve digits (`pattern`). */
  isIinPatterned?: boolean;
  children?: Child;
}) {
  const { ctx, errors } = props;
  const locale = ctx.locale;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="next" value={props.next} />
      <TextField
        id="iin"
        label={common.iin[locale]}
        value={props.iin}
        inputmode="numeric"
        autocomplete="username"
        maxlength={12}
        pattern={props.isIinPatterned ? '[0-9]{12}' : undefined}
        error={errorOf(errors, 'iin')}
        required
      />
      <TextField
        id="password"
        type="password"
        label={common.password[locale]}
        autocomplete="current-password"
        error={errorOf(errors, 'password')}
        required
      />
      {props.children}
      <div class="actions">
        <button type="submit">{common.logIn[locale]}</button>
      </div>
    </form>
  );
}
