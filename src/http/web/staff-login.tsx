import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { setSessionCookie } from '../session-cookie.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Locale } from '../../domain/shared/locale.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { getStaffPrincipal } from '../../features/identity/create-staff-account.js';
import { logInStaff } from '../../features/identity/log-in-staff.js';
import { logOut } from '../../features/identity/sessions.js';
import { enforceRateLimit, rateLimitPolicies } from '../../features/web/rate-limit.js';
import { sessionCookieName } from '../api/auth.js';
import {
  CsrfField,
  ErrorSummary,
  Page,
  TextField,
  type FormError,
  type PageContext,
} from './layout.js';
import { common, nameIn } from './messages.js';
import { pageContext, render } from './page-context.js';
import { clientAddress, safeReturnPath, type WebContext, type WebEnv } from './web-env.js';

const text = {
  title: common.staffLogIn,
  intro: {
    kk: 'Мемлекеттік корпорация операторлары, көрсетілетін қызметті берушілердің кеңсесі, басшылары мен орындаушылары және әкімшілер үшін.',
    ru: 'Для операторов Государственной корпорации, канцелярии, руководителей и исполнителей услугодателей и администраторов.',
    en: 'For front-office operators, the providers’ registry offices, heads and executors, and administrators.',
  },
  chooseOrganisation: {
    kk: 'Сіз бірнеше ұйымда жұмыс істейсіз. Қайсысында жұмыс істейтініңізді таңдаңыз.',
    ru: 'Вы работаете в нескольких организациях. Выберите, в какой работать.',
    en: 'You work in several organisations. Choose the one to work for.',
  },
  iinRequired: {
    kk: '12 цифрдан тұратын ЖСН енгізіңіз',
    ru: 'Введите ИИН из 12 цифр',
    en: 'Enter your 12-digit IIN',
  },
  passwordRequired: { kk: 'Құпиясөзді енгізіңіз', ru: 'Введите пароль', en: 'Enter your password' },
  invalid: {
    kk: 'ЖСН немесе құпиясөз қате.',
    ru: 'Неверный ИИН или пароль.',
    en: 'The IIN or password is wrong.',
  },
};

interface FormState {
  iin: string;
  next: string;
  errors: FormError[];
  organisations?: readonly { id: string; name: { kk: string; ru: string } }[];
  password?: string;
}

function LoginPage(props: { ctx: PageContext; state: FormState }) {
  const { ctx, state } = props;
  const locale: Locale = ctx.locale;
  const errorOf = (field: string) => state.errors.find((error) => error.field === field)?.message;
  return (
    <Page ctx={ctx} title={text.title[locale]} narrow>
      <h1>{text.title[locale]}</h1>
      <p class="lead">{text.intro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={state.errors} />
      <form method="post" action="/staff/login" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={state.next} />
        <TextField
          id="iin"
          label={common.iin[locale]}
          value={state.iin}
          inputmode="numeric"
          autocomplete="username"
          maxlength={12}
          error={errorOf('iin')}
          required
        />
        <TextField
          id="password"
          type="password"
          label={common.password[locale]}
          autocomplete="current-password"
          error={errorOf('password')}
          required
        />
        {state.organisations ? (
          <fieldset class="field">
            <legend>{text.chooseOrganisation[locale]}</legend>
            {state.organisations.map((organisation, index) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`organisation-${index}`}
                  name="organisationId"
                  value={organisation.id}
                  checked={index === 0}
                />
                <label for={`organisation-${index}`}>{nameIn(organisation.name, locale)}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <div class="actions">
          <button type="submit">{common.logIn[locale]}</button>
        </div>
      </form>
    </Page>
  );
}

/** Where a staff member starts after signing in, by the roles they hold. */
export function staffHomePath(roles: readonly StaffRole[]): string {
  if (roles.includes(StaffRole.frontOfficeOperator) || roles.includes(StaffRole.courier)) {
    return '/front-office';
  }
  if (
    roles.includes(StaffRole.registryOffice) ||
    roles.includes(StaffRole.head) ||
    roles.includes(StaffRole.executor) ||
    roles.includes(StaffRole.commissionMember)
  ) {
    return '/back-office';
  }
  return '/admin';
}

/** Staff sign-in (IIN and password) and sign-out; citizens sign out at /logout. */
export function staffLoginRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();

  routes.get('/staff/login', async (c) => {
    const next = safeReturnPath(c.req.query('next'), '');
    return render(
      c,
      <LoginPage ctx={await pageContext(c)} state={{ iin: '', next, errors: [] }} />,
    );
  });

  routes.post('/staff/login', async (c) => {
    const { database, now } = c.get('deps');
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const state: FormState = {
      iin: field('iin').trim(),
      next: safeReturnPath(field('next'), ''),
      errors: [],
    };
    if (!/^\d{12}$/.test(state.iin))
      state.errors.push({ field: 'iin', message: text.iinRequired[locale] });
    if (!field('password')) {
      state.errors.push({ field: 'password', message: text.passwordRequired[locale] });
    }
    if (state.errors.length > 0) {
      return render(c, <LoginPage ctx={await pageContext(c)} state={state} />, 422);
    }
    await enforceRateLimit(
      database.db,
      `staff-login:${clientAddress(c)}`,
      rateLimitPolicies.login,
      now(),
    );
    try {
      const outcome = await logInStaff(
        { db: database.db },
        {
          iin: state.iin,
          password: field('password'),
          organisationId: field('organisationId') || undefined,
          source: clientAddress(c),
        },
        now(),
      );
      if (outcome.kind === 'choose_organisation') {
        return render(
          c,
          <LoginPage
            ctx={await pageContext(c)}
            state={{ ...state, organisations: outcome.organisations }}
          />,
        );
      }
      setSessionCookie(c, outcome.session.token, outcome.session.expiresAt);
      const principal = await getStaffPrincipal(database.db, outcome.session.staffId);
      return c.redirect(state.next || staffHomePath(principal.roles), 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthenticated') {
        state.errors.push({ field: 'iin', message: text.invalid[locale] });
        return render(c, <LoginPage ctx={await pageContext(c)} state={state} />, 401);
      }
      throw error;
    }
  });

  const signOut = (fallback: string) => async (c: WebContext) => {
    const { database, now } = c.get('deps');
    await logOut({ db: database.db }, getCookie(c, sessionCookieName) ?? '', now());
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.redirect(fallback, 303);
  };
  routes.post('/staff/logout', signOut('/staff/login'));
  routes.post('/logout', signOut('/'));
  return routes;
}
