import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { startCitizenLogin } from '../../../features/identity/start-citizen-login.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { limitByClient, readForm, withNext } from '../form.js';
import { LoginForm } from '../login-form.js';
import { ErrorSummary, Notice, type FormError, type PageContext } from '../layout.js';
import { definePage, refuse, type FormState } from '../page.js';
import { currentUser } from '../page-context.js';
import { clientAddress, safeReturnPath } from '../web-env.js';
import { codeLimitRefusal, iinLengthError, identityServices } from './identity-forms.js';
import { PortalPage } from './portal-page.js';
import { fill, issueMessage, portalText as text } from './texts.js';

/** Where a citizen goes after signing in when no return path was given. */
export const afterLogin = '/cabinet';

interface LoginData {
  readonly next: string;
  /** "Registered: sign in" after a registration (`?registered=1`). */
  readonly notice: string | undefined;
}

function LoginView(props: { ctx: PageContext; data: LoginData; form: FormState }) {
  const { ctx, data, form } = props;
  const locale = ctx.locale;
  const next = form.values.next ?? data.next;
  return (
    <PortalPage ctx={ctx} title={text.loginTitle[locale]} current="/login" narrow>
      <h1>{text.loginTitle[locale]}</h1>
      {data.notice ? (
        <Notice tone="ok" role="status">
          <p>{data.notice}</p>
        </Notice>
      ) : null}
      <p class="lead">{text.loginIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <LoginForm
        ctx={ctx}
        action="/login"
        next={next}
        iin={form.values.iin ?? ''}
        errors={form.errors}
        isIinPatterned
      />
      <p>
        {text.noAccount[locale]} <a href={withNext('/register', next)}>{text.register[locale]}</a>
      </p>
      <p>
        <a href="/staff/login">{text.staffSignIn[locale]}</a>
      </p>
    </PortalPage>
  );
}

/** Why a sign-in was refused, on the IIN field; undefined for an error that is not a refusal. */
function refusedSignIn(
  error: unknown,
  locale: Locale,
): { status: 401 | 429; message: string; retryAfterSeconds?: number } | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'unauthenticated') {
    // An unverified account whose IIN cannot be proved by phone: say what to do.
    const message =
      error.details.reason === 'identity_proof_required'
        ? issueMessage({ path: 'iin', rule: 'required', message: error.details.message }, locale)
        : text.wrongCredentials[locale];
    return { status: 401, message };
  }
  const limited = codeLimitRefusal(error, locale);
  if (limited) return { status: 429, ...limited };
  if (error.code === 'rate_limited' && error.details.reason === 'login_locked') {
    const seconds = Number(error.details.retryAfterSeconds ?? 60);
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return {
      status: 429,
      message: fill(text.locked[locale], { minutes }),
      retryAfterSeconds: seconds,
    };
  }
  return undefined;
}

/**
 * `/login`: citizens' sign-in with a one-time password (the code follows at /login/code);
 * registration is at /register. A citizen already signed in goes on where they were going.
 */
export const loginPage = definePage({
  path: '/login',
  guard: async () => undefined,
  redirect: async (c) => {
    if ((await currentUser(c))?.kind !== 'citizen') return undefined;
    return safeReturnPath(c.req.query('next'), '') || afterLogin;
  },
  load: async (c): Promise<LoginData> => ({
    next: safeReturnPath(c.req.query('next'), ''),
    notice:
      c.req.method === 'GET' && c.req.query('registered') === '1'
        ? text.registered[c.get('locale')]
        : undefined,
  }),
  View: LoginView,
  action: async (c) => {
    const locale = c.get('locale');
    const { field } = await readForm(c);
    const iin = field('iin').trim();
    const kept = { iin, next: safeReturnPath(field('next'), '') };
    const errors: FormError[] = [];
    if (!/^\d{12}$/.test(iin)) errors.push(iinLengthError(locale));
    if (!field('password')) {
      const message = issueMessage({ path: 'password', rule: 'required' }, locale);
      errors.push({ field: 'password', message });
    }
    if (errors.length > 0) return refuse(kept, errors);
    await limitByClient(c, 'citizen-login', rateLimitPolicies.login);
    try {
      const challenge = await startCitizenLogin(
        identityServices(c),
        { iin, password: field('password'), source: clientAddress(c) },
        c.get('deps').now(),
      );
      const query = new URLSearchParams({
        challenge: challenge.challengeId,
        phone: challenge.maskedPhone,
      });
      if (kept.next) query.set('next', kept.next);
      return c.redirect(`/login/code?${query.toString()}`, 303);
    } catch (error) {
      const refused = refusedSignIn(error, locale);
      if (!refused) throw error;
      if (refused.retryAfterSeconds !== undefined) {
        c.header('retry-after', String(refused.retryAfterSeconds));
      }
      return refuse(kept, [{ field: 'iin', message: refused.message }], refused.status);
    }
  },
});
