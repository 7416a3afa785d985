import { confirmCitizenRegistration } from '../../../features/identity/confirm-citizen-registration.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { CodeField, limitByClient, readForm, refuseError } from '../form.js';
import { CsrfField, ErrorSummary, type FormError, type PageContext } from '../layout.js';
import { definePage, refuse, type FormState } from '../page.js';
import { safeReturnPath } from '../web-env.js';
import {
  BackLink,
  identityServices,
  issueErrorsOf,
  PasswordFields,
  requiredError,
  toSignInRegistered,
} from './identity-forms.js';
import { PortalPage } from './portal-page.js';
import { registerText } from './register-texts.js';
import { fill, portalText as text } from './texts.js';

/** The registration in progress: the IIN, its challenge and where the code went. */
type CodeData = {
  readonly iin: string;
  readonly challengeId: string;
  readonly maskedPhone: string;
  readonly next: string;
};

/** /register/code: the code from the SMS and the new password. */
function RegisterCodeView(props: { ctx: PageContext; data: CodeData; form: FormState }) {
  const { ctx, form } = props;
  // A refused form keeps what it was posted with.
  const state: CodeData = { ...props.data, ...form.values };
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={registerText.codeTitle[locale]} narrow>
      <h1>{registerText.codeTitle[locale]}</h1>
      <p class="lead">{fill(text.otpSent[locale], { phone: state.maskedPhone })}</p>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <form method="post" action="/register/code" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="iin" value={state.iin} />
        <input type="hidden" name="challengeId" value={state.challengeId} />
        <input type="hidden" name="maskedPhone" value={state.maskedPhone} />
        <input type="hidden" name="next" value={state.next} />
        <CodeField label={text.code[locale]} errors={form.errors} />
        <PasswordFields ctx={ctx} errors={form.errors} />
        <div class="actions">
          <button type="submit">{text.register[locale]}</button>
        </div>
      </form>
      <BackLink ctx={ctx} path="/register" next={state.next} />
    </PortalPage>
  );
}

/** `/register/code`: the code sent to the registry's phone and the new password. */
export const registerCodePage = definePage({
  path: '/register/code',
  guard: async () => undefined,
  redirect: async (c) => {
    const challengeId = c.req.query('challenge') ?? '';
    const iin = c.req.query('iin') ?? '';
    const isValid = /^[0-9a-f-]{36}$/.test(challengeId) && /^\d{12}$/.test(iin);
    return isValid ? undefined : '/register';
  },
  load: async (c): Promise<CodeData> => ({
    iin: c.req.query('iin') ?? '',
    challengeId: c.req.query('challenge') ?? '',
    maskedPhone: (c.req.query('phone') ?? '').slice(0, 20),
    next: safeReturnPath(c.req.query('next'), ''),
  }),
  View: RegisterCodeView,
  action: async (c) => {
    const locale = c.get('locale');
    const { field } = await readForm(c);
    const kept: CodeData = {
      iin: field('iin').trim().slice(0, 20),
      challengeId: field('challengeId').slice(0, 40),
      maskedPhone: field('maskedPhone').slice(0, 20),
      next: safeReturnPath(field('next'), ''),
    };
    const code = field('code').trim();
    const password = field('password');
    const errors: FormError[] = [];
    if (!/^\d{6}$/.test(code)) errors.push({ field: 'code', message: text.codeRequired[locale] });
    if (password !== field('password2')) {
      errors.push({ field: 'password2', message: text.passwordsDiffer[locale] });
    }
    if (errors.length > 0) return refuse(kept, errors);
    await limitByClient(c, 'citizen-otp', rateLimitPolicies.oneTimePassword);
    try {
      await confirmCitizenRegistration(
        identityServices(c),
        { iin: kept.iin, challengeId: kept.challengeId, code, password },
        c.get('deps').now(),
      );
    } catch (error) {
      return refuseError(error, kept, {
        validation_failed: {
          status: 422,
          errors: (refused) =>
            issueErrorsOf(refused.details.issues ?? [], locale, ['password', 'code']),
        },
        unauthenticated: {
          status: 401,
          errors: (refused) => requiredError('code', refused.details.message, locale),
        },
        conflict: {
          status: 409,
          errors: () => [{ field: 'code', message: text.alreadyRegistered[locale] }],
        },
      });
    }
    return toSignInRegistered(c, kept.next);
  },
});
