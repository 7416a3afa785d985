import { Hono } from 'hono';
import { setSessionCookie } from '../../session-cookie.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { confirmCitizenLogin } from '../../../features/identity/confirm-citizen-login.js';
import { startCitizenLogin } from '../../../features/identity/start-citizen-login.js';
import { rateLimitPolicies } from '../../../features/web/rate-limit.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { CodeField, errorOf, fieldOf, limitByClient, withNext } from '../form.js';
import { common } from '../messages.js';
import { currentUser, pageContext, render } from '../page-context.js';
import { clientAddress, safeReturnPath, type WebContext, type WebEnv } from '../web-env.js';
import { PortalPage } from './portal-page.js';
import { fill, issueMessage, portalText as text } from './texts.js';

/** Where a citizen goes after signing in when no return path was given. */
const afterLogin = '/cabinet';

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
        <CodeField label={text.code[locale]} errors={errors} />
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

/** Citizens' sign-in with a one-time password (/login); registration is in register.tsx. */
export function accountRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  const identity = (c: WebContext) => ({
    db: c.get('deps').database.db,
    sms: c.get('deps').sms,
    registries: c.get('deps').registries,
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
    await limitByClient(c, 'citizen-login', rateLimitPolicies.login);
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
        // An unverified account whose IIN cannot be proved by phone: say what to do.
        const message =
          error.details.reason === 'identity_proof_required'
            ? issueMessage(
                { path: 'iin', rule: 'required', message: error.details.message },
                locale,
              )
            : text.wrongCredentials[locale];
        errors.push({ field: 'iin', message });
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
    await limitByClient(c, 'citizen-otp', rateLimitPolicies.oneTimePassword);
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

  return routes;
}
