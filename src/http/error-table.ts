import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorCode } from '../domain/shared/domain-error.js';
import { isDatabaseUnavailable, isRefusedValue } from '../storage/db.js';
import { DeliveryError } from '../integrations/messaging/delivery-error.js';
import type { LocalizedText } from '../domain/shared/locale.js';

/** The one table from error codes to HTTP statuses and user messages (house style: errors). */
export const errorTable = {
  validation_failed: {
    status: 422,
    message: {
      kk: 'Деректер қате толтырылған. Белгіленген өрістерді тексеріңіз.',
      ru: 'Данные заполнены неверно. Проверьте отмеченные поля.',
      en: 'Some data is not valid. Check the marked fields.',
    },
  },
  not_found: {
    status: 404,
    message: {
      kk: 'Сұралған жазба табылмады.',
      ru: 'Запрошенная запись не найдена.',
      en: 'The requested record was not found.',
    },
  },
  unauthenticated: {
    status: 401,
    message: {
      kk: 'Жүйеге кіру қажет.',
      ru: 'Требуется вход в систему.',
      en: 'You need to sign in.',
    },
  },
  forbidden: {
    status: 403,
    message: {
      kk: 'Бұл әрекетті орындауға құқығыңыз жоқ.',
      ru: 'У вас нет права на это действие.',
      en: 'You are not allowed to do this.',
    },
  },
  conflict: {
    status: 409,
    message: {
      kk: 'Өтініштің күйі өзгерді; бұл әрекет қазір қолжетімсіз.',
      ru: 'Состояние заявления изменилось; это действие сейчас недоступно.',
      en: 'The state has changed; this action is not available now.',
    },
  },
  rate_limited: {
    status: 429,
    message: {
      kk: 'Сұраулар тым көп. Біраз уақыттан кейін қайталаңыз.',
      ru: 'Слишком много запросов. Повторите позже.',
      en: 'Too many requests. Try again later.',
    },
  },
  registry_unavailable: {
    status: 503,
    message: {
      kk: 'Деректерді алу мүмкін емес: мемлекеттік дерекқор жауап бермейді.',
      ru: 'Невозможно получить данные: государственная база данных не отвечает.',
      en: 'Cannot obtain the data: the state registry does not answer.',
    },
  },
  intake_registry_unavailable: {
    status: 503,
    message: {
      kk: 'Мемлекеттік дерекқор жауап бермейді, сондықтан өтініш тіркелмеді: ештеңе жасалған жоқ, қолхат берілмеді. Құжаттарды өтініш берушіге қайтармай, бірнеше минуттан кейін «Қабылдау» батырмасын қайта басыңыз.',
      ru: 'Государственная база данных не отвечает, поэтому заявление не зарегистрировано: ничего не создано, расписка не выдана. Не возвращая документы заявителю, нажмите «Принять» ещё раз через несколько минут.',
      en: 'The state registry does not answer, so the application was not registered: nothing was created and no receipt was issued. Keep the documents and press “Accept” again in a few minutes.',
    },
  },
  signature_not_confirmed: {
    status: 422,
    message: {
      kk: 'ЭЦҚ түпнұсқалығы расталмады.',
      ru: 'Не подтверждение подлинности ЭЦП.',
      en: 'The digital signature is not confirmed.',
    },
  },
  signed_document_required: {
    status: 409,
    message: {
      kk: 'Бұл қадам нәтижеге қол қою арқылы ғана орындалады: алдымен құжаттың жобасын дайындаңыз, содан кейін оған ЭЦҚ-мен қол қойыңыз.',
      ru: 'Этот шаг выполняется только подписанием результата: сначала подготовьте проект документа, затем подпишите его ЭЦП.',
      en: 'This step is done only by signing the result: prepare the document first, then sign it with a digital signature.',
    },
  },
  signed_request_required: {
    status: 409,
    message: {
      kk: 'Бұл қадам электрондық сұрауға оператордың ЭЦҚ-мен қол қоюы арқылы ғана орындалады.',
      ru: 'Этот шаг выполняется только подписанием электронного запроса ЭЦП оператора.',
      en: "This step is done only by signing the electronic request with the operator's digital signature.",
    },
  },
  database_unavailable: {
    status: 503,
    message: {
      kk: 'Қызмет уақытша қолжетімсіз, ештеңе өзгертілмеді. Бірнеше секундтан кейін қайталаңыз.',
      ru: 'Сервис временно недоступен, ничего не изменено. Повторите через несколько секунд.',
      en: 'The service is temporarily unavailable; nothing was changed. Try again in a few seconds.',
    },
  },
  sms_unavailable: {
    status: 503,
    message: {
      kk: 'SMS жіберу мүмкін болмады. Бір минуттан кейін кодты қайта сұраңыз.',
      ru: 'Не удалось отправить SMS. Запросите код повторно через минуту.',
      en: 'The SMS could not be sent. Ask for the code again in a minute.',
    },
  },
  payload_too_large: {
    status: 413,
    message: {
      kk: 'Сұрау тым үлкен. Файлдардың көлемін немесе мәтіннің ұзындығын азайтыңыз.',
      ru: 'Запрос слишком большой. Уменьшите размер файлов или длину текста.',
      en: 'The request is too large. Reduce the size of the files or the length of the text.',
    },
  },
  bad_request: {
    status: 400,
    message: {
      kk: 'Сұрау дұрыс емес: деректерде рұқсат етілмеген таңбалар бар немесе пішін бүлінген.',
      ru: 'Неверный запрос: данные содержат недопустимые символы или форма повреждена.',
      en: 'The request is not valid: the data contains characters that are not allowed, or the form is damaged.',
    },
  },
  internal: {
    status: 500,
    message: {
      kk: 'Ішкі қате. Кейінірек қайталаңыз.',
      ru: 'Внутренняя ошибка. Повторите попытку позже.',
      en: 'Internal error. Try again later.',
    },
  },
} as const satisfies Record<ErrorCode, { status: ContentfulStatusCode; message: LocalizedText }>;

/**
 * The messages of the field issues (`validation_failed`'s `details.issues[].rule`) that every
 * workspace words the same way: dates and years (ФЛК of the definition's field types) and the
 * choices of a fixed set. `{from}`/`{until}` are filled from the issue's `params`.
 */
export const fieldIssueTable = {
  date: {
    kk: 'Күнді КК.АА.ЖЖЖЖ түрінде күнтізбеден таңдаңыз (тек цифрлар)',
    ru: 'Выберите дату в календаре в виде ДД.ММ.ГГГГ (только цифры)',
    en: 'Choose the date in the calendar as DD.MM.YYYY (digits only)',
  },
  date_range: {
    kk: 'Күн {from} мен {until} аралығында болуы керек',
    ru: 'Дата должна быть с {from} по {until}',
    en: 'The date must be from {from} to {until}',
  },
  year: {
    kk: 'Жылды төрт цифрмен енгізіңіз, мысалы 2008 (әріп емес, тек цифрлар)',
    ru: 'Введите год четырьмя цифрами, например 2008 (только цифры, без букв)',
    en: 'Enter the year as four digits, e.g. 2008 (digits only, no letters)',
  },
  year_range: {
    kk: 'Жыл {from} мен {until} аралығында болуы керек',
    ru: 'Год должен быть с {from} по {until}',
    en: 'The year must be from {from} to {until}',
  },
  front_office: {
    kk: 'Өңірдегі Мемлекеттік корпорацияның бөлімдерінің тізімінен таңдаңыз',
    ru: 'Выберите отделение Государственной корпорации из списка отделений региона',
    en: 'Choose a front office from the list of the region’s front offices',
  },
} satisfies Record<string, LocalizedText>;

/** The message of a field issue of `fieldIssueTable` in `locale`; undefined for other rules. */
export function fieldIssueMessage(
  issue: { rule: string; params?: Readonly<Record<string, string | number>> },
  locale: keyof LocalizedText,
): string | undefined {
  const text = (fieldIssueTable as Record<string, LocalizedText>)[issue.rule]?.[locale];
  if (text === undefined) return undefined;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    issue.params && name in issue.params ? String(issue.params[name]) : whole,
  );
}

const waitText = {
  seconds: {
    kk: 'Сұраулар тым көп. {n} секундтан кейін қайталаңыз.',
    ru: 'Слишком много запросов. Повторите через {n} с.',
    en: 'Too many requests. Try again in {n} s.',
  },
  minutes: {
    kk: 'Сұраулар тым көп. {n} минуттан кейін қайталаңыз.',
    ru: 'Слишком много запросов. Повторите через {n} мин.',
    en: 'Too many requests. Try again in {n} min.',
  },
} satisfies Record<string, LocalizedText>;

/**
 * The user message of an error: the table's, except a refusal for too many requests that
 * knows its wait (`details.retryAfterSeconds`), which says how long to wait.
 */
export function errorMessage(
  code: ErrorCode,
  locale: keyof LocalizedText,
  details?: Readonly<Record<string, unknown>>,
): string {
  const seconds = code === 'rate_limited' ? retryAfterSecondsOf(details) : undefined;
  if (seconds === undefined) return errorTable[code].message[locale];
  return seconds < 120
    ? waitText.seconds[locale].replace('{n}', String(seconds))
    : waitText.minutes[locale].replace('{n}', String(Math.ceil(seconds / 60)));
}

/** The Retry-After of a refusal that knows its wait, in whole seconds; else undefined. */
export function retryAfterSecondsOf(
  details?: Readonly<Record<string, unknown>>,
): number | undefined {
  const seconds = details?.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return Math.max(1, Math.ceil(seconds));
}

/** Seconds a client should wait before asking again for a code the SMS gateway did not take. */
export const smsRetryAfterSeconds = 60;

/** Seconds a client should wait before repeating a request refused because the database is away. */
export const databaseRetryAfterSeconds = 5;

/**
 * The error a caller sees for any thrown value: a DomainError as it is; a lost or refused
 * database connection as `database_unavailable` (retryable, with `retryAfterSeconds`); an SMS
 * the gateway did not take as `sms_unavailable` (retryable, with `retryAfterSeconds`); a
 * value PostgreSQL refused (SQLSTATE class 22) as `validation_failed`; anything else
 * `internal`. The API and the pages both answer through this.
 */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) {
    return new DomainError(
      'database_unavailable',
      { retryAfterSeconds: databaseRetryAfterSeconds },
      error instanceof Error ? error.message : String(error),
      true,
    );
  }
  if (error instanceof DeliveryError) {
    // A one-time code the SMS gateway did not take (outbox messages are retried, not answered).
    return new DomainError(
      'sms_unavailable',
      { retryAfterSeconds: smsRetryAfterSeconds },
      error.message,
      true,
    );
  }
  if (isRefusedValue(error)) {
    // Defence in depth: a value the schemas let through and the database refused (its
    // transaction rolled back). Logged by the caller as a warning with the cause.
    return new DomainError(
      'validation_failed',
      { issues: [{ path: '', rule: 'refused_by_database' }] },
      error instanceof Error ? error.message : String(error),
    );
  }
  return new DomainError('internal', {}, error instanceof Error ? error.message : String(error));
}
