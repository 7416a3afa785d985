import { startCitizenRegistration } from '../../../features/identity/start-citizen-registration.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { limitByClient, readForm, refuseError, withNext } from '../form.js';
import { CsrfField, ErrorSummary, type PageContext } from '../layout.js';
import { common } from '../messages.js';
import { definePage, refuse, type FormState } from '../page.js';
import { safeReturnPath } from '../web-env.js';
import { IinField, codeLimitRefusal, identityServices, issueErrorsOf } from './identity-forms.js';
import { PortalPage } from './portal-page.js';
import { registerText } from './register-texts.js';
import { portalText as text } from './texts.js';

/** /register: the IIN; the code goes to the phone БМГ holds for it. */
function RegisterView(props: { ctx: PageContext; data: { next: string }; form: FormState }) {
  const { ctx, form } = props;
  const { errors } = form;
  const locale = ctx.locale;
  const next = form.values.next ?? props.data.next;
  return (
    <PortalPage ctx={ctx} title={text.registerTitle[locale]} narrow>
      <h1>{text.registerTitle[locale]}</h1>
      <p class="lead">{registerText.intro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/register" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={next} />
        <IinField ctx={ctx} value={form.values.iin ?? ''} errors={errors} />
        <div class="actions">
          <button type="submit">{registerText.sendCode[locale]}</button>
        </div>
      </form>
      <p>
        <a href={withNext('/register/signature', next)}>{registerText.withSignature[locale]}</a>
      </p>
      <p>
        {text.haveAccount[locale]} <a href={withNext('/login', next)}>{common.logIn[locale]}</a>
      </p>
    </PortalPage>
  );
}

/**
 * Citizens' registration with a proved IIN (issue 16): /register → the code sent to the
 * phone the mobile-citizens registry holds → /register/code (code and password); or
 * /register/signature with an ЭЦП authentication key through NCALayer.
 */
export const registerPage = definePage({
  path: '/register',
  guard: async () => undefined,
  load: async (c) => ({ next: safeReturnPath(c.req.query('next'), '') }),
  View: RegisterView,
  action: async (c) => {
    const locale = c.get('locale');
    const { field } = await readForm(c);
    const iin = field('iin').trim().slice(0, 20);
    const next = safeReturnPath(field('next'), '');
    await limitByClient(c, 'citizen-register', rateLimitPolicies.registration);
    try {
      const challenge = await startCitizenRegistration(
        identityServices(c),
        { iin },
        c.get('deps').now(),
      );
      const query = new URLSearchParams({
        iin,
        challenge: challenge.challengeId,
        phone: challenge.maskedPhone,
      });
      if (next) query.set('next', next);
      return c.redirect(`/register/code?${query.toString()}`, 303);
    } catch (error) {
      const limited = codeLimitRefusal(error, locale);
      if (limited) {
        c.header('retry-after', String(limited.retryAfterSeconds));
        return refuse({ iin, next }, [{ field: 'iin', message: limited.message }], 429);
      }
      return refuseError(
        error,
        { iin, next },
        {
          validation_failed: {
            status: 422,
            errors: (refused) => issueErrorsOf(refused.details.issues ?? [], locale, ['iin']),
          },
          conflict: {
            status: 409,
            errors: () => [{ field: 'iin', message: text.alreadyRegistered[locale] }],
          },
        },
      );
    }
  },
});
