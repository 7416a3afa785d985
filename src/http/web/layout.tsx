import type { VocabularyIndex } from '../../domain/regulation/vocabulary-index.js';
import type { Child } from 'hono/jsx';
import { locales, type Locale, type LocalizedText } from '../../domain/shared/locale.js';
import type { StaffRole } from '../../domain/shared/roles.js';
import { staffNameIn } from '../../domain/identity/staff-name.js';
import type { SignedInUser } from '../../features/identity/signed-in-user.js';
import { sandboxMark } from '../../domain/shared/sandbox-mark.js';
import { assetUrl } from './assets.js';
import { NameIn } from './components.js';
import { common, nameIn } from './messages.js';
import { csrfFieldName } from './web-env.js';

/** What every page needs to know about the request. */
export interface PageContext {
  readonly locale: Locale;
  readonly csrfToken: string;
  /** The path and query of this page (for the language switch). */
  readonly path: string;
  readonly user: SignedInUser | undefined;
  /** The loaded vocabulary: every page takes region, service and provider-kind names from it. */
  readonly vocabulary: VocabularyIndex;
  /** A sandbox installation (docs/sandbox.md): every page carries the sandbox mark in its language. */
  readonly sandbox?: boolean;
  /** What the signed-in staff member's organisation does, from data (menus follow it). */
  readonly organisationFacts?: OrganisationFacts;
}

/** Facts about a staff member's organisation that decide which menu links it is offered. */
export interface OrganisationFacts {
  /** It provides a service with a kindergarten queue (regulations and its kind say so). */
  readonly runsVacancyQueue: boolean;
}

/** A link in a workspace's menu. */
export interface NavItem {
  readonly href: string;
  readonly label: LocalizedText;
  /** Shown only to staff holding one of these roles (the page would refuse anyone else). */
  readonly roles?: readonly StaffRole[];
  /** Shown only when the staff member's organisation has this fact (e.g. runs a queue). */
  readonly onlyIf?: keyof OrganisationFacts;
}

/** Whether the signed-in user is offered a menu link. */
function isOffered(item: NavItem, ctx: PageContext): boolean {
  const { user } = ctx;
  if (item.onlyIf && ctx.organisationFacts?.[item.onlyIf] !== true) return false;
  if (!item.roles) return true;
  return user?.kind === 'staff' && item.roles.some((role) => user.roles.includes(role));
}

const languageNames: Record<Locale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

function withLang(path: string, locale: Locale): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}

/**
 * A page's head: its title (with `lang` when it is in another language than the page, e.g. a
 * regulation's Russian name on an English page; issue 18, point 11), the site's icon and style
 * sheet.
 */
function Head(props: { title: string; titleLang?: string | undefined }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title lang={props.titleLang}>{`${props.title} — Qyzmet`}</title>
      <link rel="icon" type="image/svg+xml" href={assetUrl('favicon.svg')} />
      <link rel="stylesheet" href={assetUrl('site.css')} />
    </head>
  );
}

/**
 * The frame of every page: skip link, header with the workspace menu, the language switch
 * (links, so it works without JavaScript; the choice is remembered), the signed-in person
 * with a sign-out form, the main landmark and a footer.
 */
export function Page(props: {
  ctx: PageContext;
  title: string;
  /** The title's language where it is not the page's (`nameLang` of a name stored in kk/ru). */
  titleLang?: string | undefined;
  nav?: readonly NavItem[];
  /** The nav item to mark as current (its href). */
  current?: string;
  narrow?: boolean;
  children?: Child;
  scripts?: readonly string[];
}) {
  const { ctx } = props;
  const { locale, user } = ctx;
  const logoutAction = user?.kind === 'staff' ? '/staff/logout' : '/logout';
  return (
    <html lang={locale}>
      <Head title={props.title} titleLang={props.titleLang} />
      <body>
        <a class="skip" href="#main">
          {common.skipToContent[locale]}
        </a>
        {ctx.sandbox ? (
          <p class="notice bad sandbox-mark" role="note" data-sandbox="true">
            <strong>{sandboxMark[locale]}</strong>
          </p>
        ) : null}
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              Qyzmet
            </a>
            {props.nav && props.nav.length > 0 ? (
              <nav aria-label={common.mainNav[locale]}>
                <ul>
                  {props.nav
                    .filter((item) => isOffered(item, ctx))
                    .map((item) => (
                      <li>
                        <a
                          href={item.href}
                          aria-current={item.href === props.current ? 'page' : undefined}
                        >
                          {item.label[locale]}
                        </a>
                      </li>
                    ))}
                </ul>
              </nav>
            ) : null}
            <nav aria-label={common.languageNav[locale]}>
              <ul>
                {locales.map((option) => (
                  <li>
                    <a
                      href={withLang(ctx.path, option)}
                      lang={option}
                      hreflang={option}
                      aria-current={option === locale ? 'true' : undefined}
                    >
                      {languageNames[option]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {user ? (
              <div class="who">
                <span>
                  {user.kind === 'staff'
                    ? `${staffNameIn(user, locale)} · ${nameIn(user.organisation.name, locale)}`
                    : `${common.iin[locale]} ${user.iin}`}
                </span>{' '}
                <form method="post" action={logoutAction}>
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="link-button">
                    {common.logOut[locale]}
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </header>
        <main id="main" class={props.narrow ? 'narrow' : undefined} tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">
          <div>{common.footer[locale]}</div>
        </footer>
        <script src={assetUrl('site.js')} defer></script>
        {(props.scripts ?? []).map((name) => (
          <script src={assetUrl(name)} defer></script>
        ))}
      </body>
    </html>
  );
}

/** The hidden anti-forgery field every form must contain. */
export function CsrfField(props: { ctx: PageContext }) {
  return <input type="hidden" name={csrfFieldName} value={props.ctx.csrfToken} />;
}

/** One problem with a form: the field's id (for the link) and the message. */
export interface FormError {
  readonly field: string;
  readonly message: string;
  /**
   * What the message is about, when it is a name stored in kk and ru (a document's title):
   * shown before the message, marked with its language where it is not the page's.
   */
  readonly subject?: { readonly kk: string; readonly ru: string };
}

/**
 * The list of a form's problems at the top of the page, each linking to its field
 * (WCAG 3.3.1); focused on load by the site script.
 */
export function ErrorSummary(props: { ctx: PageContext; errors: readonly FormError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{common.errorSummaryTitle[props.ctx.locale]}</h2>
      <ul>
        {props.errors.map((error) => (
          <li>
            <a href={`#${error.field}`}>
              {error.subject ? (
                <>
                  <NameIn name={error.subject} locale={props.ctx.locale} />
                  {': '}
                </>
              ) : null}
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A labelled text input with its hint and error (described-by both; aria-invalid when wrong).
 * `value` is what the person typed, kept after a failed submission.
 */
export function TextField(props: {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  type?: 'text' | 'password' | 'tel' | 'email' | 'date' | 'number' | 'search';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'tel' | 'email';
  required?: boolean;
  maxlength?: number;
  pattern?: string;
}) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required}
        maxlength={props.maxlength}
        pattern={props.pattern}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
}

/** A notice box (information, success, warning or problem). */
export function Notice(props: { tone?: 'ok' | 'warn' | 'bad'; children?: Child; role?: string }) {
  return (
    <div class={props.tone ? `notice ${props.tone}` : 'notice'} role={props.role}>
      {props.children}
    </div>
  );
}

/** A labelled control with its error above it (the control, e.g. a select, is the child). */
export function LabelledField(props: {
  id: string;
  label: string;
  error?: string | undefined;
  children?: Child;
}) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.error ? (
        <span class="error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

/** A required choice in a labelled select with its error; the first option chooses nothing. */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
  /** The text of the empty first option ("—" unless given). */
  placeholder?: string;
}) {
  return (
    <LabelledField id={props.id} label={props.label} error={props.error}>
      <select
        id={props.id}
        name={props.id}
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        <option value="">{props.placeholder ?? '—'}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
