import { Hono } from 'hono';
import { setSessionCookie } from '../../session-cookie.js';
import { DomainError, type FieldIssue } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { confirmCitizenLogin } from '../../../features/identity/confirm-citizen-login.js';
import { registerCitizen } from '../../../features/identity/register-citizen.js';
import { startCitizenLogin } from '../../../features/identity/start-citizen-login.js';
import { enforceRateLimit, rateLimitPolicies } from '../../../features/web/rate-limit.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { common } from '../messages.js';
import { currentUser, pageContext, render } from '../page-context.js';
import { clientAddress, safeReturnPath, type WebContext, type WebEnv } from '../web-env.js';
import { PortalPage } from './portal-page.js';
import { fill, issueMessage, portalText as text } from './texts.js';

/** Where a citizen goes after signing in when no return path was given. */
const afterLogin = '/cabinet';

const fieldOf = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

const errorOf = (errors: readonly FormError[], field: string) =>
  errors.find((error) => error.field === field)?.message;

function withNext(path: string, next: string): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

function LoginPage(props: {
  ctx: PageContext;
  iin: string;
  next: string;
  errors: FormError[];
  notice?: string;
}) {
  const { ctx, errors } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.loginTitle[locale]} current="/login" narrow>
      <h1>{text.loginTitle[locale]}</h1>
      {props.notice ? (
        <Notice tone="ok" role="status">
          <p>{props.notice}</p>
        </Notice>
      ) : null}
      <p class="lead">{text.loginIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/login" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={props.next} />
        <TextField
          id="iin"
          label={common.iin[locale]}
          value={props.iin}
          inputmode="numeric"
          autocomplete="username"
          maxlength={12}
          pattern="[0-9]{12}"
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
        <div class="actions">
          <button type="submit">{common.logIn[locale]}</button>
        </div>
      </form>
      <p>
        {text.noAccount[locale]}{' '}
        <a href={withNext('/register', props.next)}>{text.register[locale]}</a>
      </p>
      <p>
        <a href="/staff/login">{text.staffSignIn[locale]}</a>
      </p>
    </PortalPage>
  );
}

function CodePage(props: {
  ctx: PageContext;
  challengeId: string;
  maskedPhone: string;
  next: string;
  errors: FormError[];
}) {
  const { ctx, errors } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.otpTitle[locale]} narrow>
      <h1>{text.otpTitle[locale]}</h1>
      <p class="lead">{fill(text.otpSent[locale], { phone: props.maskedPhone })}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/login/code" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="challengeId" value={props.challengeId} />
        <input type="hidden" name="maskedPhone" value={props.maskedPhone} />
        <input type="hidden" name="next" value={props.next} />
        <TextField
          id="code"
          label={text.code[locale]}
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength={6}
          pattern="[0-9]{6}"
          error={errorOf(errors, 'code')}
          required
        />
        <div class="actions">
          <button type="submit">{text.confirm[locale]}</button>
        </div>
      </form>
      <p>
        <a href={withNext('/login', props.next)}>{common.back[locale]}</a>
      </p>
    </PortalPage>
  );
}

interface RegisterState {
  iin: string;
  phone: string;
  next: string;
  errors: FormError[];
}

function RegisterPage(props: { ctx: PageContext; state: RegisterState }) {
  const { ctx, state } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.registerTitle[locale]} narrow>
      <h1>{text.registerTitle[locale]}</h1>
      <p class="lead">{text.registerIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={state.errors} />
      <form method="post" action="/register" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={state.next} />
        <TextField
          id="iin"
          label={common.iin[locale]}
          value={state.iin}
          inputmode="numeric"
          autocomplete="username"
          maxlength={12}
          pattern="[0-9]{12}"
          error={errorOf(state.errors, 'iin')}
          required
        />
        <TextField
          id="phone"
          type="tel"
          label={text.phone[locale]}
          hint={text.phoneHint[locale]}
          value={state.phone}
          autocomplete="tel"
          error={errorOf(state.errors, 'phone')}
          required
        />
        <TextField
          id="password"
          type="password"
          label={common.password[locale]}
          hint={text.passwordHint[locale]}
          autocomplete="new-password"
          error={errorOf(state.errors, 'password')}
          required
        />
        <TextField
          id="password2"
          type="password"
          label={text.passwordRepeat[locale]}
          autocomplete="new-password"
          error={errorOf(state.errors, 'password2')}
          required
        />
        <div class="actions">
          <button type="submit">{text.register[locale]}</button>
        </div>
      </form>
      <p>
        {text.haveAccount[locale]}{' '}
        <a href={withNext('/login', state.next)}>{common.logIn[locale]}</a>
      </p>
    </PortalPage>
  );
}

function formErrorsOf(issues: readonly FieldIssue[], locale: Locale, fields: readonly string[]) {
  return issues.map((issue) => ({
    field: fields.includes(issue.path) ? issue.path : fields[0]!,
    message: issueMessage(issue, locale),
  }));
}

async function limit(c: WebContext, key: string, policy: { limit: number; windowMs: number }) {
  const { database, now } = c.get('deps');
  await enforceRateLimit(database.db, `${key}:${clientAddress(c)}`, policy, now());
}

/** Citizens' registration (/register) and sign-in with a one-time password (/login). */
export function accountRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  const identity = (c: WebContext) => ({
    db: c.get('deps').database.db,
    sms: c.get('deps').sms!,
  });

  routes.get('/login', async (c) => {
    const locale = c.get('locale');
    const next = safeReturnPath(c.req.query('next'), '');
    // A citizen already signed in goes on where they were going.
    if ((await currentUser(c))?.kind === 'citizen') return c.redirect(next || afterLogin, 303);
    const notice = c.req.query('registered') === '1' ? text.registered[locale] : undefined;
    return render(
      c,
      <LoginPage ctx={await pageContext(c)} iin="" next={next} errors={[]} notice={notice} />,
    );
  });

  routes.post('/login', async (c) => {
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const iin = fieldOf(form, 'iin').trim();
    const next = safeReturnPath(fieldOf(form, 'next'), '');
    const errors: FormError[] = [];
    if (!/^\d{12}$/.test(iin)) {
      errors.push({
        field: 'iin',
        message: issueMessage(
          { path: 'iin', rule: 'length_exact', params: { length: 12 } },
          locale,
        ),
      });
    }
    if (!fieldOf(form, 'password')) {
      errors.push({
        field: 'password',
        message: issueMessage({ path: 'password', rule: 'required' }, locale),
      });
    }
    const page = async (status: 401 | 422 | 429) =>
      render(
        c,
        <LoginPage ctx={await pageContext(c)} iin={iin} next={next} errors={errors} />,
        status,
      );
    if (errors.length > 0) return page(422);
    await limit(c, 'citizen-login', rateLimitPolicies.login);
    try {
      const challenge = await startCitizenLogin(
        identity(c),
        { iin, password: fieldOf(form, 'password'), source: clientAddress(c) },
        c.get('deps').now(),
      );
      const query = new URLSearchParams({
        challenge: challenge.challengeId,
        phone: challenge.maskedPhone,
      });
      if (next) query.set('next', next);
      return c.redirect(`/login/code?${query.toString()}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'unauthenticated') {
        errors.push({ field: 'iin', message: text.wrongCredentials[locale] });
        return page(401);
      }
      if (error.code === 'rate_limited' && error.details.reason === 'login_locked') {
        const seconds = Number(error.details.retryAfterSeconds ?? 60);
        c.header('retry-after', String(seconds));
        errors.push({
          field: 'iin',
          message: fill(text.locked[locale], { minutes: Math.max(1, Math.ceil(seconds / 60)) }),
        });
        return page(429);
      }
      throw error;
    }
  });

  routes.get('/login/code', async (c) => {
    const challengeId = c.req.query('challenge') ?? '';
    if (!/^[0-9a-f-]{36}$/.test(challengeId)) return c.redirect('/login', 303);
    return render(
      c,
      <CodePage
        ctx={await pageContext(c)}
        challengeId={challengeId}
        maskedPhone={(c.req.query('phone') ?? '').slice(0, 20)}
        next={safeReturnPath(c.req.query('next'), '')}
        errors={[]}
      />,
    );
  });

  routes.post('/login/code', async (c) => {
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const challengeId = fieldOf(form, 'challengeId');
    const code = fieldOf(form, 'code').trim();
    const next = safeReturnPath(fieldOf(form, 'next'), '');
    const errors: FormError[] = [];
    const page = async (status: 401 | 422) =>
      render(
        c,
        <CodePage
          ctx={await pageContext(c)}
          challengeId={challengeId}
          maskedPhone={fieldOf(form, 'maskedPhone').slice(0, 20)}
          next={next}
          errors={errors}
        />,
        status,
      );
    if (!/^\d{6}$/.test(code)) {
      errors.push({ field: 'code', message: text.codeRequired[locale] });
      return page(422);
    }
    await limit(c, 'citizen-otp', rateLimitPolicies.oneTimePassword);
    try {
      const session = await confirmCitizenLogin(
        identity(c),
        { challengeId, code },
        c.get('deps').now(),
      );
      setSessionCookie(c, session.token, session.expiresAt);
      return c.redirect(next || afterLogin, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthenticated') {
        errors.push({
          field: 'code',
          message: issueMessage(
            { path: 'code', rule: 'required', message: error.details.message },
            locale,
          ),
        });
        return page(401);
      }
      throw error;
    }
  });

  routes.get('/register', async (c) => {
    const next = safeReturnPath(c.req.query('next'), '');
    return render(
      c,
      <RegisterPage ctx={await pageContext(c)} state={{ iin: '', phone: '', next, errors: [] }} />,
    );
  });

  routes.post('/register', async (c) => {
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const state: RegisterState = {
      iin: fieldOf(form, 'iin').trim(),
      phone: fieldOf(form, 'phone').trim(),
      next: safeReturnPath(fieldOf(form, 'next'), ''),
      errors: [],
    };
    const page = async (status: 409 | 422) =>
      render(c, <RegisterPage ctx={await pageContext(c)} state={state} />, status);
    await limit(c, 'citizen-register', rateLimitPolicies.registration);
    const password = fieldOf(form, 'password');
    if (password !== fieldOf(form, 'password2')) {
      state.errors.push({ field: 'password2', message: text.passwordsDiffer[locale] });
      return page(422);
    }
    try {
      await registerCitizen(
        identity(c),
        { iin: state.iin, phone: state.phone, password },
        c.get('deps').now(),
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        state.errors = formErrorsOf(error.details.issues ?? [], locale, [
          'iin',
          'phone',
          'password',
        ]);
      } else if (error instanceof DomainError && error.code === 'conflict') {
        state.errors = [{ field: 'iin', message: text.alreadyRegistered[locale] }];
        return page(409);
      } else throw error;
    }
    if (state.errors.length > 0) return page(422);
    const query = new URLSearchParams({ registered: '1' });
    if (state.next) query.set('next', state.next);
    return c.redirect(`/login?${query.toString()}`, 303);
  });

  return routes;
}
