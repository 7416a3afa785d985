import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../storage/regulation-files.js';
import { checkFields } from './document-content.js';
import { DocumentKind, findTemplate } from './templates.js';

const westDuplicates = loadRegulations()
  .regulations.map((loaded) => loaded.regulation)
  .find((regulation) => regulation.id.startsWith('west-kazakhstan.duplicates'))!;
const template = findTemplate(
  DocumentKind.result,
  westDuplicates.results.find((entry) => entry.kind === 'result'),
);
const filled = {
  'holder-name': 'Сеитов Ерлан Айдосович',
  'document-type': 'Аттестат об общем среднем образовании',
  school: 'СШ № 1',
  requestNumber: 'KST-2026-000001',
  requestDate: '01.12.2026',
  service: 'Выдача дубликатов',
};
const issuesOf = (year: string) =>
  checkFields(template, { ...filled, 'graduation-year': year }, '2026-12-04').filter((issue) =>
    issue.path.endsWith('graduation-year'),
  );

describe("a result's fields typed as the definition says (issue 18, point 9)", () => {
  it('the graduation year of a duplicate is a year and the holder is prefilled from the registry', () => {
    const year = template.fields.find((field) => field.key === 'graduation-year');
    expect(year?.format).toBe('year');
    expect(template.fields.find((field) => field.key === 'holder-name')?.prefill).toBe(
      'applicant_name',
    );
  });

  it('refuses «20О8» with a Cyrillic О, a year after the draft and before 1900; accepts 2008', () => {
    expect(issuesOf('2008')).toEqual([]);
    expect(issuesOf('20О8')).toEqual([{ path: 'fields.graduation-year', rule: 'year' }]);
    expect(issuesOf('2027')).toEqual([
      { path: 'fields.graduation-year', rule: 'year_range', params: { from: 1900, until: 2026 } },
    ]);
    expect(issuesOf('1899')).toEqual([
      { path: 'fields.graduation-year', rule: 'year_range', params: { from: 1900, until: 2026 } },
    ]);
  });
});
