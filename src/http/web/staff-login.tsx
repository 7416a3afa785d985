import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { setSessionCookie } from '../session-cookie.js';
import type { Locale } from '../../domain/shared/locale.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { getStaffPrincipal } from '../../features/identity/create-staff-account.js';
import { logInStaff } from '../../features/identity/log-in-staff.js';
import { logOut } from '../../features/identity/sessions.js';
import { rateLimitPolicies } from '../../features/limits/rate-limit.js';
import { sessionCookieName } from '../api/auth.js';
import { limitByClient, readForm, refuseError } from './form.js';
import { ErrorSummary, Page, type FormError, type PageContext } from './layout.js';
import { LoginForm } from './login-form.js';
import { NameIn } from './components.js';
import { common } from './messages.js';
import {
  definePage,
  mountPages,
  refuse,
  renderPage,
  type FormState,
  type WebPage,
} from './page.js';
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

interface StaffLoginData {
  readonly next: string;
  /** Asked once the password is right and the person works in several organisations. */
  readonly organisations?: readonly { id: string; name: { kk: string; ru: string } }[];
}

function LoginView(props: { ctx: PageContext; data: StaffLoginData; form: FormState }) {
  const { ctx, data, form } = props;
  const locale: Locale = ctx.locale;
  return (
    <Page ctx={ctx} title={text.title[locale]} narrow>
      <h1>{text.title[locale]}</h1>
      <p class="lead">{text.intro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <LoginForm
        ctx={ctx}
        action="/staff/login"
        next={form.values.next ?? data.next}
        iin={form.values.iin ?? ''}
        errors={form.errors}
      >
        {data.organisations ? (
          <fieldset class="field">
            <legend>{text.chooseOrganisation[locale]}</legend>
            {data.organisations.map((organisation, index) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`organisation-${index}`}
                  name="organisationId"
                  value={organisation.id}
                  checked={index === 0}
                />
                <label for={`organisation-${index}`}>
                  <NameIn name={organisation.name} locale={locale} />
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
      </LoginForm>
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

/** `/staff/login`: staff sign-in with IIN and password (and the organisation when several). */
export const staffLoginPage: WebPage<undefined, StaffLoginData> = definePage({
  path: '/staff/login',
  guard: async () => undefined,
  load: async (c): Promise<StaffLoginData> => ({ next: safeReturnPath(c.req.query('next'), '') }),
  View: LoginView,
  action: async (c, user) => {
    const { database, now } = c.get('deps');
    const locale = c.get('locale');
    const { field } = await readForm(c);
    const kept = { iin: field('iin').trim(), next: safeReturnPath(field('next'), '') };
    const errors: FormError[] = [];
    if (!/^\d{12}$/.test(kept.iin))
      errors.push({ field: 'iin', message: text.iinRequired[locale] });
    if (!field('password')) {
      errors.push({ field: 'password', message: text.passwordRequired[locale] });
    }
    if (errors.length > 0) return refuse(kept, errors);
    await limitByClient(c, 'staff-login', rateLimitPolicies.login);
    try {
      const outcome = await logInStaff(
        { db: database.db },
        {
          iin: kept.iin,
          password: field('password'),
          organisationId: field('organisationId') || undefined,
          source: clientAddress(c),
        },
        now(),
      );
      if (outcome.kind === 'choose_organisation') {
        // The same form again, now with the organisations to choose from.
        const { organisations } = outcome;
        const choosing = {
          ...staffLoginPage,
          load: async () => ({ next: kept.next, organisations }),
        };
        return renderPage(c, choosing, user, { values: kept, errors: [] });
      }
      setSessionCookie(c, outcome.session.token, outcome.session.expiresAt);
      const principal = await getStaffPrincipal(database.db, outcome.session.staffId);
      return c.redirect(kept.next || staffHomePath(principal.roles), 303);
    } catch (error) {
      return refuseError(error, kept, {
        unauthenticated: {
          status: 401,
          errors: () => [{ field: 'iin', message: text.invalid[locale] }],
        },
      });
    }
  },
});

/** Staff sign-in (IIN and password) and sign-out; citizens sign out at /logout. */
export function staffLoginRoutes(): Hono<WebEnv> {
  // Post/redirect/get (issue 18, point 11): a form refused for its input (422) goes back to
  // /staff/login, which shows it once; the password is never kept.
  const routes = mountPages(new Hono<WebEnv>(), [staffLoginPage], { postRedirectGet: true });
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
