import type { ApplicationField } from './ApplicationField.js';
import type { RegulationDefinition } from './RegulationDefinition.js';
import type { RequiredDocument } from './RequiredDocument.js';
import type { ServiceWindow } from './ServiceWindow.js';

/** Values of an application form, by field id. */
export type ApplicationValues = Readonly<Record<string, string | undefined>>;

/** A broken ФЛК rule of one field: which field, which rule, and values for the message. */
export interface FieldRuleViolation {
  field: string;
  rule:
    | 'required'
    | 'length_exact'
    | 'length_max'
    | 'numeric'
    | 'date'
    | 'date_range'
    | 'year'
    | 'year_range'
    | 'choice'
    | 'front_office'
    | 'check_digits';
  params?: Record<string, string | number>;
}

/**
 * What a form's values are checked against besides the field itself: the day of submission
 * (dates and years after it are refused unless the field says `future`) and the front offices
 * a `front_office` field may name (their ids and their names with addresses). The engine's
 * submission always gives both; a check without them (a portal draft, whose front office is
 * filled from the office chosen) leaves those two rules out.
 */
export interface FieldContext {
  readonly day?: string;
  readonly frontOffices?: readonly string[];
}

/** The earliest day a date or year field accepts (ФЛК of dates): 1 January 1900. */
export const earliestDay = '1900-01-01';

const dottedDay = (day: string) => day.split('-').reverse().join('.');

/**
 * A date value's rule: "YYYY-MM-DD" of a real calendar day (ASCII digits only), from
 * `earliestDay` to `latestDay` when given. Undefined when it passes.
 */
export function checkDateText(
  text: string,
  latestDay?: string,
): Pick<FieldRuleViolation, 'rule' | 'params'> | undefined {
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = parsed ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    return { rule: 'date' };
  }
  if (text < earliestDay || (latestDay !== undefined && text > latestDay)) {
    const until = latestDay ?? '9999-12-31';
    return {
      rule: 'date_range',
      params: { from: dottedDay(earliestDay), until: dottedDay(until) },
    };
  }
  return undefined;
}

/**
 * A year value's rule: four ASCII digits (a Cyrillic «О» for a zero is refused), from 1900 to
 * the year of `latestDay` when given. Undefined when it passes.
 */
export function checkYearText(
  text: string,
  latestDay?: string,
): Pick<FieldRuleViolation, 'rule' | 'params'> | undefined {
  if (!/^[0-9]{4}$/.test(text)) return { rule: 'year' };
  const year = Number(text);
  const from = Number(earliestDay.slice(0, 4));
  const until = latestDay !== undefined ? Number(latestDay.slice(0, 4)) : 9999;
  if (year < from || year > until) return { rule: 'year_range', params: { from, until } };
  return undefined;
}

/**
 * Validates one value against a field's ФЛК (форматно-логический контроль): required, length,
 * numeric, date, choice and — through `isValidIdentifier`, supplied by the identity module —
 * the ИИН/БИН check digit. Returns the first violation, or undefined when the value is valid.
 */
export function checkFieldValue(
  field: ApplicationField,
  value: string | undefined,
  isValidIdentifier: (kind: 'iin' | 'bin' | 'iin_or_bin', value: string) => boolean,
  context: FieldContext = {},
): FieldRuleViolation | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return field.required ? { field: field.id, rule: 'required' } : undefined;
  if (field.length?.exact !== undefined && text.length !== field.length.exact) {
    return { field: field.id, rule: 'length_exact', params: { length: field.length.exact } };
  }
  if (field.length?.max !== undefined && text.length > field.length.max) {
    return { field: field.id, rule: 'length_max', params: { max: field.length.max } };
  }
  switch (field.format) {
    case 'numeric':
      if (!/^\d+$/.test(text)) return { field: field.id, rule: 'numeric' };
      break;
    case 'date':
    case 'year': {
      const check = field.format === 'date' ? checkDateText : checkYearText;
      const broken = check(text, field.future ? undefined : context.day);
      if (broken) return { field: field.id, ...broken };
      break;
    }
    case 'choice':
      if (!field.choices?.some((choice) => choice.value === text))
        return { field: field.id, rule: 'choice' };
      break;
    case 'front_office':
      if (context.frontOffices && !context.frontOffices.includes(text))
        return { field: field.id, rule: 'front_office' };
      break;
    case 'text':
      break;
  }
  if (field.checkDigits && !isValidIdentifier(field.checkDigits, text)) {
    return { field: field.id, rule: 'check_digits', params: { kind: field.checkDigits } };
  }
  return undefined;
}

/** Validates every field of a regulation's form; an empty list means the form passes ФЛК. */
export function checkApplicationValues(
  regulation: RegulationDefinition,
  values: ApplicationValues,
  isValidIdentifier: (kind: 'iin' | 'bin' | 'iin_or_bin', value: string) => boolean,
  context: FieldContext = {},
): FieldRuleViolation[] {
  return regulation.fields
    .map((field) => checkFieldValue(field, values[field.id], isValidIdentifier, context))
    .filter((violation): violation is FieldRuleViolation => violation !== undefined);
}

/** The service windows that govern an application with these values. */
export function windowsFor(
  regulation: RegulationDefinition,
  values: ApplicationValues,
): ServiceWindow[] {
  return regulation.windows.filter((window) => {
    const value = values[window.appliesWhen.field];
    return value !== undefined && window.appliesWhen.equals.includes(value);
  });
}

/**
 * Whether an application may be accepted on `day` (YYYY-MM-DD) as far as the yearly windows go:
 * every governing window must contain the day's month and day (e.g. first grade 06-01..08-30).
 */
export function isWithinWindows(
  regulation: RegulationDefinition,
  values: ApplicationValues,
  day: string,
): boolean {
  const monthDay = day.slice(5, 10);
  return windowsFor(regulation, values).every(
    (window) => (window.from === undefined || window.from <= monthDay) && monthDay <= window.until,
  );
}

/**
 * The documents required for an application on `channel` with these values: documents of the
 * channel whose condition (`when`) holds or that are always required; alternatives (`one_of`)
 * are returned with their group so a form can ask for one of them.
 */
export function requiredDocuments(
  regulation: RegulationDefinition,
  channel: RegulationDefinition['channels'][number]['channel'],
  values: ApplicationValues,
): RequiredDocument[] {
  return regulation.documents.filter((document) => {
    if (document.channels && !document.channels.includes(channel)) return false;
    if (document.requirement !== 'conditional') return true;
    if (!document.when) return true;
    return document.when.some((condition) => {
      const value = values[condition.field];
      return value !== undefined && condition.equals.includes(value);
    });
  });
}
