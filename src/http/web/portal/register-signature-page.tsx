import {
  issueRegistrationChallenge,
  registerCitizenWithSignature,
} from '../../../features/identity/register-citizen-with-signature.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { documentSigningContext } from '../../signing-context.js';
import { errorOf, limitByClient, readForm, refuseError } from '../form.js';
import { CsrfField, ErrorSummary, TextField, type FormError, type PageContext } from '../layout.js';
import { common } from '../messages.js';
import { ncaLayerScript } from '../ncalayer.js';
import { definePage, refuse, type FormState, type RefusalStatus } from '../page.js';
import { safeReturnPath, type WebContext } from '../web-env.js';
import {
  BackLink,
  IinField,
  iinLengthError,
  issueErrorsOf,
  PasswordFields,
  requiredError,
  toSignInRegistered,
} from './identity-forms.js';
import { PortalPage } from './portal-page.js';
import { registerText } from './register-texts.js';
import { portalText as text } from './texts.js';

/** The registration with a signature so far: the IIN, the phone, and (once the IIN is given) the text to sign. */
interface SignatureState {
  readonly iin: string;
  readonly phone: string;
  readonly next: string;
  readonly challenge?: string;
}

/** The second form: the challenge signed with the authentication key, the phone, the password. */
function SignForm(props: {
  ctx: PageContext;
  state: SignatureState & { challenge: string };
  errors: readonly FormError[];
  ncaLayerUrl: string;
}) {
  const { ctx, state, errors } = props;
  const locale = ctx.locale;
  return (
    <form
      method="post"
      action="/register/signature"
      id="register-signature-form"
      novalidate
      data-ncalayer-sign
      data-ncalayer-key="AUTHENTICATION"
      data-ncalayer-url={props.ncaLayerUrl}
      data-ncalayer-error={registerText.signFailed[locale]}
      data-ncalayer-working={registerText.signWorking[locale]}
    >
      <CsrfField ctx={ctx} />
      <input type="hidden" name="next" value={state.next} />
      <input type="hidden" name="iin" value={state.iin} />
      <input type="hidden" name="challenge" value={state.challenge} />
      <input
        type="hidden"
        name="challengeBase64"
        value={Buffer.from(state.challenge).toString('base64')}
        data-ncalayer-data
      />
      <input type="hidden" name="cms" id="cms" value="" data-ncalayer-cms />
      <p>
        {common.iin[locale]}: <strong id="register-iin">{state.iin}</strong>
      </p>
      <TextField
        id="phone"
        type="tel"
        label={text.phone[locale]}
        hint={registerText.signPhoneHint[locale]}
        value={state.phone}
        autocomplete="tel"
        error={errorOf(errors, 'phone')}
        required
      />
      <PasswordFields ctx={ctx} errors={errors} />
      <p id="register-sign-status" role="status" aria-live="polite" data-ncalayer-status>
        {errorOf(errors, 'cms') ?? ''}
      </p>
      <div class="actions">
        <button type="submit">{registerText.signAndRegister[locale]}</button>
      </div>
    </form>
  );
}

/** /register/signature: the IIN, then the challenge signed with the authentication key. */
function RegisterSignatureView(props: {
  ctx: PageContext;
  data: { next: string; ncaLayerUrl: string };
  form: FormState;
}) {
  const { ctx, form } = props;
  const state: SignatureState = { iin: '', phone: '', next: props.data.next, ...form.values };
  const { challenge } = state;
  const locale = ctx.locale;
  return (
    <PortalPage
      ctx={ctx}
      title={registerText.signatureTitle[locale]}
      narrow
      scripts={challenge ? [ncaLayerScript] : []}
    >
      <h1>{registerText.signatureTitle[locale]}</h1>
      <p class="lead">{registerText.signatureIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      {challenge ? (
        <SignForm
          ctx={ctx}
          state={{ ...state, challenge }}
          errors={form.errors}
          ncaLayerUrl={props.data.ncaLayerUrl}
        />
      ) : (
        <form method="post" action="/register/signature/start" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={state.next} />
          <IinField ctx={ctx} value={state.iin} errors={form.errors} />
          <div class="actions">
            <button type="submit">{registerText.next[locale]}</button>
          </div>
        </form>
      )}
      <BackLink ctx={ctx} path="/register" next={state.next} />
    </PortalPage>
  );
}

/** The form again with a fresh text to sign (any refusal of the signed form, and the start). */
function signAgain(
  c: WebContext,
  state: Omit<SignatureState, 'challenge'>,
  errors: readonly FormError[],
  status: RefusalStatus,
) {
  const challenge = issueRegistrationChallenge(state.iin, c.get('deps').now());
  return refuse({ ...state, challenge }, errors, status);
}

/**
 * `/register/signature`: registration with an ЭЦП authentication key through NCALayer; its
 * `start` gives the IIN and receives the text to sign.
 */
export const registerSignaturePage = definePage({
  path: '/register/signature',
  guard: async () => undefined,
  load: async (c) => ({
    next: safeReturnPath(c.req.query('next'), ''),
    ncaLayerUrl: c.get('deps').config.pki.ncalayerUrl,
  }),
  View: RegisterSignatureView,
  actions: {
    start: async (c) => {
      const { field } = await readForm(c);
      const kept = {
        iin: field('iin').trim().slice(0, 20),
        phone: '',
        next: safeReturnPath(field('next'), ''),
      };
      if (!/^\d{12}$/.test(kept.iin)) return refuse(kept, [iinLengthError(c.get('locale'))]);
      return signAgain(c, kept, [], 200);
    },
  },
  action: async (c) => {
    const locale = c.get('locale');
    const { field } = await readForm(c);
    const iin = field('iin').trim().slice(0, 20);
    const state = {
      iin,
      phone: field('phone').trim().slice(0, 30),
      next: safeReturnPath(field('next'), ''),
    };
    if (!/^\d{12}$/.test(iin)) return c.redirect('/register/signature', 303);
    const password = field('password');
    const cms = field('cms').trim();
    const errors: FormError[] = [];
    if (password !== field('password2')) {
      errors.push({ field: 'password2', message: text.passwordsDiffer[locale] });
    }
    if (!cms) errors.push({ field: 'cms', message: registerText.signatureRequired[locale] });
    if (errors.length > 0) return signAgain(c, state, errors, 422);
    await limitByClient(c, 'citizen-register', rateLimitPolicies.registration);
    try {
      await registerCitizenWithSignature(
        { db: c.get('deps').database.db, trustStore: documentSigningContext(c).trustStore },
        { iin, challenge: field('challenge'), cms, password, phone: state.phone },
        c.get('deps').now(),
      );
    } catch (error) {
      const refusal = refuseError(error, state, {
        validation_failed: {
          status: 422,
          errors: (refused) =>
            issueErrorsOf(refused.details.issues ?? [], locale, ['phone', 'password', 'cms']),
        },
        signature_not_confirmed: {
          status: 401,
          errors: (refused) => requiredError('cms', refused.details.reasonMessage, locale),
        },
        conflict: {
          status: 409,
          errors: () => [{ field: 'cms', message: text.alreadyRegistered[locale] }],
        },
      });
      return signAgain(c, state, refusal.errors, refusal.status ?? 422);
    }
    return toSignInRegistered(c, state.next);
  },
});
