import { isValidBin } from '../identity/bin.js';
import { isValidIin } from '../identity/iin.js';
import { checkApplicationValues, isWithinWindows } from '../regulation/application-rules.js';
import type { FieldContext } from '../regulation/application-rules.js';
import type { RegulationDefinition } from '../regulation/RegulationDefinition.js';
import type { FieldIssue } from '../shared/domain-error.js';

/** ИИН/БИН check digits, as the regulation's ФЛК names them. */
export function isValidIdentifier(kind: 'iin' | 'bin' | 'iin_or_bin', value: string): boolean {
  switch (kind) {
    case 'iin':
      return isValidIin(value);
    case 'bin':
      return isValidBin(value);
    case 'iin_or_bin':
      return isValidIin(value) || isValidBin(value);
  }
}

/**
 * Checks an application form on the day of submission: every field's ФЛК (the regulation's
 * `checkApplicationValues`), no field the form does not have, and the yearly windows (e.g.
 * first grade 1 June–30 August). Dates and years after `day` are refused (unless the field
 * says `future`); a `front_office` field is checked against `frontOffices` when given (the
 * engine's submission gives them). Returns every issue; empty when the form may be accepted.
 */
export function validateApplicationForm(
  regulation: RegulationDefinition,
  values: Readonly<Record<string, string>>,
  day: string,
  frontOffices?: FieldContext['frontOffices'],
): FieldIssue[] {
  const known = new Set(regulation.fields.map((field) => field.id));
  const issues: FieldIssue[] = Object.keys(values)
    .filter((name) => !known.has(name))
    .map((name) => ({ path: `fields.${name}`, rule: 'unknown_field' }));
  for (const violation of checkApplicationValues(regulation, values, isValidIdentifier, {
    day,
    ...(frontOffices ? { frontOffices } : {}),
  })) {
    issues.push({
      path: `fields.${violation.field}`,
      rule: violation.rule,
      ...(violation.params ? { params: violation.params } : {}),
    });
  }
  if (!isWithinWindows(regulation, values, day)) {
    issues.push({ path: 'fields', rule: 'outside_service_window', params: { day } });
  }
  return issues;
}
