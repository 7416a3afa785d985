import { describe, expect, it } from 'vitest';
import type { RequiredDocument } from '../../domain/regulation/RequiredDocument.js';
import { checkPackage } from './intake-catalog.js';

const source = { source: 'akimat-2016-285' } as RequiredDocument['source'];
const document = (
  id: string,
  requirement: RequiredDocument['requirement'],
  group?: string,
): RequiredDocument =>
  ({
    id,
    title: { kk: id, ru: id },
    requirement,
    ...(group ? { group } : {}),
    ...(requirement === 'conditional' ? { condition: { kk: 'if', ru: 'если' } } : {}),
    obtainedByProvider: false,
    source,
  }) as RequiredDocument;

describe('checkPackage (digest, front office flow: incomplete or expired → refusal receipt)', () => {
  const checklist = [
    document('application', 'always'),
    document('photo', 'conditional'),
    document('passport', 'one_of', 'identity'),
    document('identity-card', 'one_of', 'identity'),
  ];

  it('accepts the required documents and one of each group of alternatives', () => {
    expect(
      checkPackage(checklist, { application: 'present', 'identity-card': 'present' }).complete,
    ).toBe(true);
  });

  it('refuses a missing required document, a missing group, and any expired document', () => {
    expect(
      checkPackage(checklist, { application: 'missing', passport: 'present' }).problems.map(
        (problem) => problem.id,
      ),
    ).toEqual(['application']);
    expect(
      checkPackage(checklist, { application: 'present' }).problems.map((problem) => problem.id),
    ).toEqual(['passport', 'identity-card']);
    expect(
      checkPackage(checklist, {
        application: 'present',
        passport: 'present',
        photo: 'expired',
      }).problems.map((problem) => problem.id),
    ).toEqual(['photo']);
  });
});

describe('checkPackage follows the answers like the portal (issue 18, point 3)', () => {
  const original = {
    ...document('original-education-document', 'conditional'),
    when: [
      { field: 'name-changed', equals: ['yes'] },
      { field: 'document-status', equals: ['damaged'] },
    ],
  } as RequiredDocument;
  const checklist = [document('application', 'always'), original];

  it('refuses a damaged document’s duplicate without the original (standard, point 8, item 3)', () => {
    const verdict = checkPackage(
      checklist,
      { application: 'present', 'original-education-document': 'missing' },
      { 'document-status': 'damaged', 'name-changed': 'no' },
    );
    expect(verdict.complete).toBe(false);
    expect(verdict.problems.map((problem) => problem.id)).toEqual(['original-education-document']);
  });

  it('does not ask for the original of a lost document when the name is unchanged', () => {
    expect(
      checkPackage(
        checklist,
        { application: 'present', 'original-education-document': 'missing' },
        { 'document-status': 'lost', 'name-changed': 'no' },
      ).complete,
    ).toBe(true);
  });
});
