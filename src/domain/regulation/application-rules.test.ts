import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../storage/regulation-files.js';
import {
  checkApplicationValues,
  checkDateText,
  checkYearText,
  isWithinWindows,
  requiredDocuments,
} from './application-rules.js';
import type { RegulationDefinition } from './RegulationDefinition.js';

const all = loadRegulations().regulations.map((loaded) => loaded.regulation);
const get = (id: string): RegulationDefinition => all.find((regulation) => regulation.id === id)!;
/** Stand-in for the identity module's check-digit validation. */
const acceptsOnly = (valid: string) => (_kind: string, value: string) => value === valid;

describe('application rules from the definitions', () => {
  it('applies the ФЛК of 003 annex 8 (kindergarten): IIN 12 digits with check, postal code numeric, phone text ≤ 15', () => {
    const kindergarten = get('south-kazakhstan.kindergarten-queue.2012-12-26');
    const valid = {
      'applicant-iin': '880101300123',
      'postal-code': '160000',
      phone: '+7 701 123 4567',
      'applicant-address': 'Шымкент',
      'child-name': 'Әлия',
      'child-birth-date': '2010-05-31',
    };
    expect(checkApplicationValues(kindergarten, valid, acceptsOnly('880101300123'))).toEqual([]);
    expect(
      checkApplicationValues(
        kindergarten,
        { ...valid, 'postal-code': '16000A', 'child-birth-date': '2010-02-30', phone: '' },
        acceptsOnly('880101300123'),
      ),
    ).toEqual([
      { field: 'postal-code', rule: 'numeric' },
      { field: 'phone', rule: 'required' },
      { field: 'child-birth-date', rule: 'date' },
    ]);
    expect(
      checkApplicationValues(
        kindergarten,
        { ...valid, 'applicant-iin': '880101300124' },
        acceptsOnly('880101300123'),
      ),
    ).toEqual([{ field: 'applicant-iin', rule: 'check_digits', params: { kind: 'iin' } }]);
    expect(
      checkApplicationValues(
        kindergarten,
        { ...valid, 'applicant-iin': '88010130012' },
        () => true,
      ),
    ).toEqual([{ field: 'applicant-iin', rule: 'length_exact', params: { length: 12 } }]);
  });

  it('refuses a date before 1900 or after the day of submission (issue 18, point 9)', () => {
    const kindergarten = get('south-kazakhstan.kindergarten-queue.2012-12-26');
    const valid = {
      'applicant-iin': '880101300123',
      'postal-code': '160000',
      phone: '+7 701 123 4567',
      'applicant-address': 'Шымкент',
      'child-name': 'Әлия',
    };
    const check = (birth: string, day = '2014-03-01') =>
      checkApplicationValues(
        kindergarten,
        { ...valid, 'child-birth-date': birth },
        acceptsOnly('880101300123'),
        { day },
      );
    expect(check('2010-05-31')).toEqual([]);
    expect(check('2014-03-01')).toEqual([]);
    const range = { from: '01.01.1900', until: '01.03.2014' };
    expect(check('2014-03-02')).toEqual([
      { field: 'child-birth-date', rule: 'date_range', params: range },
    ]);
    expect(check('1899-12-31')).toEqual([
      { field: 'child-birth-date', rule: 'date_range', params: range },
    ]);
    // A Cyrillic «О» for a zero is not a digit.
    expect(check('2О10-05-31')).toEqual([{ field: 'child-birth-date', rule: 'date' }]);
  });

  it('checks a year: four ASCII digits, 1900 to the year of the day', () => {
    expect(checkYearText('2008', '2026-12-04')).toBeUndefined();
    expect(checkYearText('20О8', '2026-12-04')).toEqual({ rule: 'year' });
    expect(checkYearText('２００８', '2026-12-04')).toEqual({ rule: 'year' });
    expect(checkYearText('208', '2026-12-04')).toEqual({ rule: 'year' });
    expect(checkYearText('2027', '2026-12-04')).toEqual({
      rule: 'year_range',
      params: { from: 1900, until: 2026 },
    });
    expect(checkYearText('1899')).toEqual({
      rule: 'year_range',
      params: { from: 1900, until: 9999 },
    });
    expect(checkDateText('2026-02-29')).toEqual({ rule: 'date' });
  });

  it('accepts only a front office of the set for a front_office field (no "Костанай", no "777777")', () => {
    const duplicates = get('national.duplicates.2020-01-01');
    const field = duplicates.fields.find((candidate) => candidate.id === 'result-front-office')!;
    expect(field.format).toBe('front_office');
    const values = (office: string) => ({
      'applicant-iin': '880101300123',
      'document-status': 'lost',
      'name-changed': 'no',
      'result-front-office': office,
    });
    const offices = ['ЦОН № 1, Костанай, ул. Байтурсынова 65'];
    const violations = (office: string) =>
      checkApplicationValues(duplicates, values(office), () => true, {
        frontOffices: offices,
      }).filter((violation) => violation.field === 'result-front-office');
    expect(violations(offices[0]!)).toEqual([]);
    expect(violations('Костанай')).toEqual([
      { field: 'result-front-office', rule: 'front_office' },
    ]);
    expect(violations('777777')).toEqual([{ field: 'result-front-office', rule: 'front_office' }]);
    expect(violations('')).toEqual([{ field: 'result-front-office', rule: 'required' }]);
  });

  it('accepts first-grade applications from 1 June to 30 August and others until 30 August', () => {
    const admission = get('kostanay.school-admission.2018-12-21');
    const firstGrade = { 'admission-category': 'first-grade' };
    expect(isWithinWindows(admission, firstGrade, '2019-05-31')).toBe(false);
    expect(isWithinWindows(admission, firstGrade, '2019-06-01')).toBe(true);
    expect(isWithinWindows(admission, firstGrade, '2019-08-30')).toBe(true);
    expect(isWithinWindows(admission, firstGrade, '2019-08-31')).toBe(false);
    expect(isWithinWindows(admission, { 'admission-category': 'evening' }, '2019-03-15')).toBe(
      true,
    );
    expect(isWithinWindows(admission, { 'admission-category': 'full-time' }, '2019-08-31')).toBe(
      false,
    );
  });

  it('asks for the original certificate only when the name changed or the document is damaged (002, point 8)', () => {
    const national = get('national.duplicates.2020-01-01');
    const ids = (values: Record<string, string>) =>
      requiredDocuments(national, 'front_office', values).map((document) => document.id);
    expect(ids({ 'document-status': 'lost', 'name-changed': 'no' })).not.toContain(
      'original-education-document',
    );
    expect(ids({ 'document-status': 'damaged', 'name-changed': 'no' })).toContain(
      'original-education-document',
    );
    expect(ids({ 'document-status': 'lost', 'name-changed': 'yes' })).toContain(
      'original-education-document',
    );
    expect(ids({ 'document-status': 'lost', 'name-changed': 'no' })).not.toContain(
      'electronic-application',
    );
    expect(requiredDocuments(national, 'portal', {}).map((document) => document.id)).toEqual([
      'application',
      'electronic-application',
    ]);
  });
});
