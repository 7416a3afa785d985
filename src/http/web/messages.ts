import { formatLocalDate, formatLocalDateTime } from '../../domain/calendar/index.js';
import type { Locale, LocalizedText } from '../../domain/shared/locale.js';

/** Texts shared by every workspace (each workspace keeps its own beside its pages). */
export const common = {
  siteName: {
    kk: 'Qyzmet — мемлекеттік қызметтер',
    ru: 'Qyzmet — государственные услуги',
    en: 'Qyzmet — public services',
  },
  skipToContent: {
    kk: 'Негізгі мазмұнға өту',
    ru: 'Перейти к основному содержанию',
    en: 'Skip to main content',
  },
  languageNav: { kk: 'Тіл', ru: 'Язык', en: 'Language' },
  mainNav: { kk: 'Негізгі мәзір', ru: 'Основное меню', en: 'Main menu' },
  logOut: { kk: 'Шығу', ru: 'Выйти', en: 'Sign out' },
  logIn: { kk: 'Кіру', ru: 'Войти', en: 'Sign in' },
  staffLogIn: { kk: 'Қызметкерлердің кіруі', ru: 'Вход для сотрудников', en: 'Staff sign-in' },
  errorSummaryTitle: {
    kk: 'Қателерді түзетіңіз',
    ru: 'Исправьте ошибки',
    en: 'There is a problem',
  },
  required: { kk: 'міндетті', ru: 'обязательно', en: 'required' },
  back: { kk: 'Артқа', ru: 'Назад', en: 'Back' },
  continue: { kk: 'Жалғастыру', ru: 'Продолжить', en: 'Continue' },
  save: { kk: 'Сақтау', ru: 'Сохранить', en: 'Save' },
  search: { kk: 'Іздеу', ru: 'Найти', en: 'Search' },
  iin: { kk: 'ЖСН', ru: 'ИИН', en: 'IIN' },
  password: { kk: 'Құпиясөз', ru: 'Пароль', en: 'Password' },
  organisation: { kk: 'Ұйым', ru: 'Организация', en: 'Organisation' },
  footer: {
    kk: 'Qyzmet — ашық бастапқы кодты платформа. Мемлекеттік қызметтер олардың регламенттеріне сәйкес көрсетіледі.',
    ru: 'Qyzmet — платформа с открытым исходным кодом. Государственные услуги оказываются строго по их регламентам.',
    en: 'Qyzmet is open-source software. Public services run exactly as their regulations prescribe.',
  },
  notFoundTitle: { kk: 'Бет табылмады', ru: 'Страница не найдена', en: 'Page not found' },
  forbiddenTitle: { kk: 'Рұқсат жоқ', ru: 'Доступ запрещён', en: 'Access denied' },
  csrfRefused: {
    kk: 'Форманың мерзімі өтті немесе ол басқа сайттан жіберілді. Бетті жаңартып, қайталаңыз.',
    ru: 'Форма устарела или отправлена с другого сайта. Обновите страницу и повторите.',
    en: 'The form expired or came from another site. Reload the page and try again.',
  },
  errorTitle: { kk: 'Қате', ru: 'Ошибка', en: 'Error' },
  home: { kk: 'Басты бет', ru: 'Главная', en: 'Home' },
} satisfies Record<string, LocalizedText>;

/** The text in `locale`. */
export function t(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/** A name stored in kk and ru only (organisations, regulations): English pages show Russian. */
export function nameIn(name: { kk: string; ru: string }, locale: Locale): string {
  return locale === 'kk' ? name.kk : name.ru;
}

/**
 * The language of what `nameIn` shows on a `locale` page when it is not the page's own: a name
 * stored in kk and ru is shown in Russian on an English page, so that text carries `lang="ru"`
 * (WCAG 3.1.2, issue 18, point 11); undefined when the name is in the page's language.
 */
export function nameLang(locale: Locale): 'ru' | undefined {
  return nameIn({ kk: 'kk', ru: 'ru' }, locale) === locale ? undefined : 'ru';
}

/** Organisations (or anything named in kk/ru) sorted by their name in the page's language. */
export function sortedByName<T extends { name: { kk: string; ru: string } }>(
  items: readonly T[],
  locale: Locale,
): T[] {
  const collator = new Intl.Collator(locale === 'kk' ? 'kk' : 'ru');
  return [...items].sort((a, b) =>
    collator.compare(nameIn(a.name, locale), nameIn(b.name, locale)),
  );
}

/**
 * A date and time as the engine counts it: the wall clock of `timeZone` (the organisation's
 * zone, `organisation.time_zone`, which the engine's working time uses; by default Asia/Almaty),
 * e.g. "25.11.2026 14:30" — the same text in every language. The one formatter of pages,
 * documents and notifications (`formatLocalDateTime`).
 */
export function formatDateTime(value: Date, _locale?: Locale, timeZone?: string): string {
  return formatLocalDateTime(value, timeZone);
}

/** A date only, e.g. "25.11.2026", in `timeZone` (as `formatDateTime`). */
export function formatDate(value: Date, _locale?: Locale, timeZone?: string): string {
  return formatLocalDate(value, timeZone);
}

/** The months as a day of the month names them: Russian in the genitive («1 мая»). */
export const monthsOfDay = {
  kk: [
    'қаңтар',
    'ақпан',
    'наурыз',
    'сәуір',
    'мамыр',
    'маусым',
    'шілде',
    'тамыз',
    'қыркүйек',
    'қазан',
    'қараша',
    'желтоқсан',
  ],
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} satisfies Record<Locale, readonly string[]>;

/**
 * A day of the year without its year (`MM-DD`, as a region's queue rules write the intake round)
 * in words in `locale`: "05-01" → «1 мамыр», «1 мая», "1 May". A zone-free calendar day, so no
 * clock or time zone is involved. Text that is not a valid `MM-DD` is returned as it is.
 */
export function formatMonthDay(monthDay: string, locale: Locale): string {
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  const month = match ? Number(match[1]) : 0;
  const day = match ? Number(match[2]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31) return monthDay;
  return `${day} ${monthsOfDay[locale][month - 1]}`;
}
