import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../storage/regulation-files.js';
import { checkApplicationValues, isWithinWindows, requiredDocuments } from './application-rules.js';
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
