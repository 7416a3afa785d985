import { Hono } from 'hono';
import { DomainError, type FieldIssue } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { confirmCitizenRegistration } from '../../../features/identity/confirm-citizen-registration.js';
import {
  issueRegistrationChallenge,
  registerCitizenWithSignature,
} from '../../../features/identity/register-citizen-with-signature.js';
import { startCitizenRegistration } from '../../../features/identity/start-citizen-registration.js';
import { rateLimitPolicies } from '../../../features/web/rate-limit.js';
import { documentSigningContext } from '../../signing-context.js';
import { CsrfField, ErrorSummary, TextField, type FormError, type PageContext } from '../layout.js';
import { CodeField, errorOf, fieldErrorsOf, fieldOf, limitByClient, withNext } from '../form.js';
import { common } from '../messages.js';
import { ncaLayerScript } from '../ncalayer.js';
import { pageContext, render } from '../page-context.js';
import { safeReturnPath, type WebContext, type WebEnv } from '../web-env.js';
import { PortalPage } from './portal-page.js';
import { registerText } from './register-texts.js';
import { fill, issueMessage, portalText as text } from './texts.js';

/** The form errors of a refused registration command (zod issues), worded for the portal. */
const formErrorsOf = (issues: readonly FieldIssue[], locale: Locale, fields: readonly string[]) =>
  fieldErrorsOf(issues, fields, (issue) => issueMessage(issue, locale));

/** The IIN field of the registration forms. */
function IinField(props: { ctx: PageContext; value: string; errors: readonly FormError[] }) {
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

function PasswordFields(props: { ctx: PageContext; errors: readonly FormError[] }) {
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

/** /register: the IIN; the code goes to the phone БМГ holds for it. */
function RegisterPage(props: { ctx: PageContext; iin: string; next: string; errors: FormError[] }) {
  const { ctx, errors } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.registerTitle[locale]} narrow>
      <h1>{text.registerTitle[locale]}</h1>
      <p class="lead">{registerText.intro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/register" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={props.next} />
        <IinField ctx={ctx} value={props.iin} errors={errors} />
        <div class="actions">
          <button type="submit">{registerText.sendCode[locale]}</button>
        </div>
      </form>
      <p>
        <a href={withNext('/register/signature', props.next)}>
          {registerText.withSignature[locale]}
        </a>
      </p>
      <p>
        {text.haveAccount[locale]}{' '}
        <a href={withNext('/login', props.next)}>{common.logIn[locale]}</a>
      </p>
    </PortalPage>
  );
}

interface CodeState {
  iin: string;
  challengeId: string;
  maskedPhone: string;
  next: string;
  errors: FormError[];
}

/** /register/code: the code from the SMS and the new password. */
function RegisterCodePage(props: { ctx: PageContext; state: CodeState }) {
  const { ctx, state } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={registerText.codeTitle[locale]} narrow>
      <h1>{registerText.codeTitle[locale]}</h1>
      <p class="lead">{fill(text.otpSent[locale], { phone: state.maskedPhone })}</p>
      <ErrorSummary ctx={ctx} errors={state.errors} />
      <form method="post" action="/register/code" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="iin" value={state.iin} />
        <input type="hidden" name="challengeId" value={state.challengeId} />
        <input type="hidden" name="maskedPhone" value={state.maskedPhone} />
        <input type="hidden" name="next" value={state.next} />
        <CodeField label={text.code[locale]} errors={state.errors} />
        <PasswordFields ctx={ctx} errors={state.errors} />
        <div class="actions">
          <button type="submit">{text.register[locale]}</button>
        </div>
      </form>
      <p>
        <a href={withNext('/register', state.next)}>{common.back[locale]}</a>
      </p>
    </PortalPage>
  );
}

interface SignatureState {
  iin: string;
  phone: string;
  next: string;
  /** Set once the IIN is given: the text to sign. */
  challenge?: string;
  errors: FormError[];
}

/** /register/signature: the IIN, then the challenge signed with the authentication key. */
function RegisterSignaturePage(props: {
  ctx: PageContext;
  state: SignatureState;
  ncaLayerUrl: string;
}) {
  const { ctx, state } = props;
  const locale = ctx.locale;
  return (
    <PortalPage
      ctx={ctx}
      title={registerText.signatureTitle[locale]}
      narrow
      scripts={state.challenge ? [ncaLayerScript] : []}
    >
      <h1>{registerText.signatureTitle[locale]}</h1>
      <p class="lead">{registerText.signatureIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={state.errors} />
      {state.challenge ? (
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
            error={errorOf(state.errors, 'phone')}
            required
          />
          <PasswordFields ctx={ctx} errors={state.errors} />
          <p id="register-sign-status" role="status" aria-live="polite" data-ncalayer-status>
            {errorOf(state.errors, 'cms') ?? ''}
          </p>
          <div class="actions">
            <button type="submit">{registerText.signAndRegister[locale]}</button>
          </div>
        </form>
      ) : (
        <form method="post" action="/register/signature/start" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={state.next} />
          <IinField ctx={ctx} value={state.iin} errors={state.errors} />
          <div class="actions">
            <button type="submit">{registerText.next[locale]}</button>
          </div>
        </form>
      )}
      <p>
        <a href={withNext('/register', state.next)}>{common.back[locale]}</a>
      </p>
    </PortalPage>
  );
}

/**
 * Citizens' registration with a proved IIN (issue 16): /register → the code sent to the
 * phone the mobile-citizens registry holds → /register/code (code and password); or
 * /register/signature with an ЭЦП authentication key through NCALayer.
 */
export function registerRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  const identity = (c: WebContext) => ({
    db: c.get('deps').database.db,
    sms: c.get('deps').sms,
    registries: c.get('deps').registries,
  });
  const registered = (c: WebContext, next: string) => {
    const query = new URLSearchParams({ registered: '1' });
    if (next) query.set('next', next);
    return c.redirect(`/login?${query.toString()}`, 303);
  };

  routes.get('/register', async (c) =>
    render(
      c,
      <RegisterPage
        ctx={await pageContext(c)}
        iin=""
        next={safeReturnPath(c.req.query('next'), '')}
        errors={[]}
      />,
    ),
  );

  routes.post('/register', async (c) => {
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const iin = fieldOf(form, 'iin').trim().slice(0, 20);
    const next = safeReturnPath(fieldOf(form, 'next'), '');
    let errors: FormError[] = [];
    const page = async (status: 409 | 422) =>
      render(
        c,
        <RegisterPage ctx={await pageContext(c)} iin={iin} next={next} errors={errors} />,
        status,
      );
    await limitByClient(c, 'citizen-register', rateLimitPolicies.registration);
    try {
      const challenge = await startCitizenRegistration(identity(c), { iin }, c.get('deps').now());
      const query = new URLSearchParams({
        iin,
        challenge: challenge.challengeId,
        phone: challenge.maskedPhone,
      });
      if (next) query.set('next', next);
      return c.redirect(`/register/code?${query.toString()}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'validation_failed') {
        errors = formErrorsOf(error.details.issues ?? [], locale, ['iin']);
        return page(422);
      }
      if (error.code === 'conflict') {
        errors = [{ field: 'iin', message: text.alreadyRegistered[locale] }];
        return page(409);
      }
      throw error;
    }
  });

  routes.get('/register/code', async (c) => {
    const challengeId = c.req.query('challenge') ?? '';
    const iin = c.req.query('iin') ?? '';
    if (!/^[0-9a-f-]{36}$/.test(challengeId) || !/^\d{12}$/.test(iin)) {
      return c.redirect('/register', 303);
    }
    const state: CodeState = {
      iin,
      challengeId,
      maskedPhone: (c.req.query('phone') ?? '').slice(0, 20),
      next: safeReturnPath(c.req.query('next'), ''),
      errors: [],
    };
    return render(c, <RegisterCodePage ctx={await pageContext(c)} state={state} />);
  });

  routes.post('/register/code', async (c) => {
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const state: CodeState = {
      iin: fieldOf(form, 'iin').trim().slice(0, 20),
      challengeId: fieldOf(form, 'challengeId').slice(0, 40),
      maskedPhone: fieldOf(form, 'maskedPhone').slice(0, 20),
      next: safeReturnPath(fieldOf(form, 'next'), ''),
      errors: [],
    };
    const page = async (status: 401 | 409 | 422) =>
      render(c, <RegisterCodePage ctx={await pageContext(c)} state={state} />, status);
    const code = fieldOf(form, 'code').trim();
    const password = fieldOf(form, 'password');
    if (!/^\d{6}$/.test(code))
      state.errors.push({ field: 'code', message: text.codeRequired[locale] });
    if (password !== fieldOf(form, 'password2')) {
      state.errors.push({ field: 'password2', message: text.passwordsDiffer[locale] });
    }
    if (state.errors.length > 0) return page(422);
    await limitByClient(c, 'citizen-otp', rateLimitPolicies.oneTimePassword);
    try {
      await confirmCitizenRegistration(
        identity(c),
        { iin: state.iin, challengeId: state.challengeId, code, password },
        c.get('deps').now(),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'validation_failed') {
        state.errors = formErrorsOf(error.details.issues ?? [], locale, ['password', 'code']);
        return page(422);
      }
      if (error.code === 'unauthenticated') {
        state.errors = [
          {
            field: 'code',
            message: issueMessage(
              { path: 'code', rule: 'required', message: error.details.message },
              locale,
            ),
          },
        ];
        return page(401);
      }
      if (error.code === 'conflict') {
        state.errors = [{ field: 'code', message: text.alreadyRegistered[locale] }];
        return page(409);
      }
      throw error;
    }
    return registered(c, state.next);
  });

  const signaturePage = async (
    c: WebContext,
    state: SignatureState,
    status: 200 | 401 | 409 | 422 = 200,
  ) =>
    render(
      c,
      <RegisterSignaturePage
        ctx={await pageContext(c)}
        state={state}
        ncaLayerUrl={c.get('deps').config.pki.ncalayerUrl}
      />,
      status,
    );

  routes.get('/register/signature', async (c) =>
    signaturePage(c, {
      iin: '',
      phone: '',
      next: safeReturnPath(c.req.query('next'), ''),
      errors: [],
    }),
  );

  routes.post('/register/signature/start', async (c) => {
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const iin = fieldOf(form, 'iin').trim().slice(0, 20);
    const state: SignatureState = {
      iin,
      phone: '',
      next: safeReturnPath(fieldOf(form, 'next'), ''),
      errors: [],
    };
    if (!/^\d{12}$/.test(iin)) {
      state.errors.push({
        field: 'iin',
        message: issueMessage(
          { path: 'iin', rule: 'length_exact', params: { length: 12 } },
          locale,
        ),
      });
      return signaturePage(c, state, 422);
    }
    state.challenge = issueRegistrationChallenge(iin, c.get('deps').now());
    return signaturePage(c, state);
  });

  routes.post('/register/signature', async (c) => {
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const iin = fieldOf(form, 'iin').trim().slice(0, 20);
    const state: SignatureState = {
      iin,
      phone: fieldOf(form, 'phone').trim().slice(0, 30),
      next: safeReturnPath(fieldOf(form, 'next'), ''),
      errors: [],
    };
    // Any refusal shows the form again with a fresh text to sign.
    const again = (status: 401 | 409 | 422) => {
      state.challenge = issueRegistrationChallenge(iin, c.get('deps').now());
      return signaturePage(c, state, status);
    };
    if (!/^\d{12}$/.test(iin)) return c.redirect('/register/signature', 303);
    const password = fieldOf(form, 'password');
    const cms = fieldOf(form, 'cms').trim();
    if (password !== fieldOf(form, 'password2')) {
      state.errors.push({ field: 'password2', message: text.passwordsDiffer[locale] });
    }
    if (!cms) state.errors.push({ field: 'cms', message: registerText.signatureRequired[locale] });
    if (state.errors.length > 0) return again(422);
    await limitByClient(c, 'citizen-register', rateLimitPolicies.registration);
    try {
      await registerCitizenWithSignature(
        { db: c.get('deps').database.db, trustStore: documentSigningContext(c).trustStore },
        { iin, challenge: fieldOf(form, 'challenge'), cms, password, phone: state.phone },
        c.get('deps').now(),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'validation_failed') {
        state.errors = formErrorsOf(error.details.issues ?? [], locale, [
          'phone',
          'password',
          'cms',
        ]);
        return again(422);
      }
      if (error.code === 'signature_not_confirmed') {
        state.errors = [
          {
            field: 'cms',
            message: issueMessage(
              { path: 'cms', rule: 'required', message: error.details.reasonMessage },
              locale,
            ),
          },
        ];
        return again(401);
      }
      if (error.code === 'conflict') {
        state.errors = [{ field: 'cms', message: text.alreadyRegistered[locale] }];
        return again(409);
      }
      throw error;
    }
    return registered(c, state.next);
  });

  return routes;
}
