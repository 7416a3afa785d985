import { isValidBin } from '../identity/bin.js';
import { isValidIin } from '../identity/iin.js';
import type { ApplicationField } from '../regulation/ApplicationField.js';
import type { FieldIssue } from '../shared/domain-error.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks an application form against the regulation's fields and their format rules (ФЛК):
 * required, digits only for numeric fields, exact or maximum length, ИИН/БИН check digits,
 * dates, choice lists; a field the form does not have is refused. Returns every issue
 * (empty when the form is valid), each naming the field and the rule.
 */
export function validateFields(
  fields: readonly ApplicationField[],
  values: Readonly<Record<string, string>>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = new Set(fields.map((field) => field.id));
  for (const name of Object.keys(values)) {
    if (!known.has(name)) issues.push({ path: `fields.${name}`, rule: 'unknown_field' });
  }
  for (const field of fields) {
    const path = `fields.${field.id}`;
    const value = values[field.id]?.trim() ?? '';
    if (value === '') {
      if (field.required) issues.push({ path, rule: 'required' });
      continue;
    }
    if (field.length?.exact !== undefined && [...value].length !== field.length.exact) {
      issues.push({ path, rule: 'length_exact', params: { length: field.length.exact } });
    } else if (field.length?.max !== undefined && [...value].length > field.length.max) {
      issues.push({ path, rule: 'length_max', params: { length: field.length.max } });
    }
    switch (field.format) {
      case 'numeric':
        if (!/^\d+$/.test(value)) issues.push({ path, rule: 'numeric' });
        break;
      case 'date':
        if (!isoDate.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
          issues.push({ path, rule: 'date' });
        }
        break;
      case 'choice':
        if (!field.choices?.some((choice) => choice.value === value)) {
          issues.push({ path, rule: 'choice' });
        }
        break;
      case 'text':
        break;
    }
    if (field.checkDigits) {
      const isValid =
        field.checkDigits === 'iin'
          ? isValidIin(value)
          : field.checkDigits === 'bin'
            ? isValidBin(value)
            : isValidIin(value) || isValidBin(value);
      if (!isValid) issues.push({ path, rule: `${field.checkDigits}_check` });
    }
  }
  return issues;
}
