import { confirmCitizenLogin } from '../../../features/identity/confirm-citizen-login.js';
import { resendCitizenLoginCode } from '../../../features/identity/resend-citizen-login-code.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { setSessionCookie } from '../../session-cookie.js';
import { CodeField, limitByClient, readForm, refuseError } from '../form.js';
import { CsrfField, ErrorSummary, Notice, type PageContext } from '../layout.js';
import { definePage, refuse, type FormState } from '../page.js';
import { safeReturnPath } from '../web-env.js';
import { BackLink, codeLimitRefusal, identityServices, requiredError } from './identity-forms.js';
import { afterLogin } from './login-page.js';
import { PortalPage } from './portal-page.js';
import { fill, portalText as text } from './texts.js';

/** The sign-in in progress: its challenge, where the code went, where to go on. */
type CodeData = {
  readonly challengeId: string;
  readonly maskedPhone: string;
  readonly next: string;
  /** A new code was just sent (after "send a new code"). */
  readonly resent?: boolean;
};

function LoginCodeView(props: { ctx: PageContext; data: CodeData; form: FormState }) {
  const { ctx, form } = props;
  // A refused code keeps what it was posted with.
  const state = { ...props.data, ...form.values };
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.otpTitle[locale]} narrow>
      <h1>{text.otpTitle[locale]}</h1>
      <p class="lead">{fill(text.otpSent[locale], { phone: state.maskedPhone })}</p>
      {props.data.resent && form.errors.length === 0 ? (
        <Notice tone="ok" role="status">
          <p>{text.codeResent[locale]}</p>
        </Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <form method="post" action="/login/code" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="challengeId" value={state.challengeId} />
        <input type="hidden" name="maskedPhone" value={state.maskedPhone} />
        <input type="hidden" name="next" value={state.next} />
        <CodeField label={text.code[locale]} errors={form.errors} />
        <div class="actions">
          <button type="submit">{text.confirm[locale]}</button>
        </div>
      </form>
      {/* A code that expired or was mistyped three times: a new one, without the password. */}
      <form method="post" action="/login/code/resend">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="challengeId" value={state.challengeId} />
        <input type="hidden" name="maskedPhone" value={state.maskedPhone} />
        <input type="hidden" name="next" value={state.next} />
        <button type="submit" class="secondary" id="resend-code">
          {text.resendCode[locale]}
        </button>
      </form>
      <BackLink ctx={ctx} path="/login" next={state.next} />
    </PortalPage>
  );
}

/** `/login/code`: the one-time password of a citizen's sign-in; a right one opens the session. */
export const loginCodePage = definePage({
  path: '/login/code',
  guard: async () => undefined,
  redirect: async (c) =>
    /^[0-9a-f-]{36}$/.test(c.req.query('challenge') ?? '') ? undefined : '/login',
  load: async (c): Promise<CodeData> => ({
    challengeId: c.req.query('challenge') ?? '',
    maskedPhone: (c.req.query('phone') ?? '').slice(0, 20),
    next: safeReturnPath(c.req.query('next'), ''),
    resent: c.req.query('resent') === '1',
  }),
  View: LoginCodeView,
  actions: {
    resend: async (c) => {
      const locale = c.get('locale');
      const { field } = await readForm(c);
      const kept = {
        challengeId: field('challengeId'),
        maskedPhone: field('maskedPhone').slice(0, 20),
        next: safeReturnPath(field('next'), ''),
      };
      await limitByClient(c, 'citizen-otp', rateLimitPolicies.oneTimePassword);
      try {
        const issued = await resendCitizenLoginCode(
          identityServices(c),
          { challengeId: kept.challengeId },
          c.get('deps').now(),
        );
        const query = new URLSearchParams({
          challenge: issued.challengeId,
          phone: issued.maskedPhone,
          resent: '1',
        });
        if (kept.next) query.set('next', kept.next);
        return c.redirect(`/login/code?${query.toString()}`, 303);
      } catch (error) {
        const limited = codeLimitRefusal(error, locale);
        if (limited) {
          c.header('retry-after', String(limited.retryAfterSeconds));
          return refuse(kept, [{ field: 'code', message: limited.message }], 429);
        }
        return refuseError(error, kept, {
          unauthenticated: {
            status: 401,
            errors: () => [{ field: 'code', message: text.otpExpiredStart[locale] }],
          },
        });
      }
    },
  },
  action: async (c) => {
    const locale = c.get('locale');
    const { field } = await readForm(c);
    const challengeId = field('challengeId');
    const code = field('code').trim();
    const kept = {
      challengeId,
      maskedPhone: field('maskedPhone').slice(0, 20),
      next: safeReturnPath(field('next'), ''),
    };
    if (!/^\d{6}$/.test(code)) {
      return refuse(kept, [{ field: 'code', message: text.codeRequired[locale] }]);
    }
    await limitByClient(c, 'citizen-otp', rateLimitPolicies.oneTimePassword);
    try {
      const session = await confirmCitizenLogin(
        identityServices(c),
        { challengeId, code },
        c.get('deps').now(),
      );
      setSessionCookie(c, session.token, session.expiresAt);
      return c.redirect(kept.next || afterLogin, 303);
    } catch (error) {
      return refuseError(error, kept, {
        unauthenticated: {
          status: 401,
          errors: (refused) => requiredError('code', refused.details.message, locale),
        },
      });
    }
  },
});
