import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../storage/regulation-files.js';
import { missingUploads, portalDocumentRequirements } from './portal-documents.js';

const duplicates = loadRegulations()
  .regulations.map((loaded) => loaded.regulation)
  .find((regulation) => regulation.id === 'national.duplicates.2020-01-01')!;

describe('portal documents of the national duplicates (standard-education-duplicates, point 8)', () => {
  it('asks for no upload when the document was lost and the name is unchanged', () => {
    const requirements = portalDocumentRequirements(duplicates, {
      'document-status': 'lost',
      'name-changed': 'no',
    });
    expect(requirements.map((r) => [r.document.id, r.suppliedBy])).toEqual([
      ['application', 'form'],
      ['electronic-application', 'form'],
    ]);
    expect(missingUploads(requirements, new Set())).toEqual([]);
  });

  it('asks for the original when the document is damaged, until it is uploaded', () => {
    const requirements = portalDocumentRequirements(duplicates, {
      'document-status': 'damaged',
      'name-changed': 'no',
    });
    expect(missingUploads(requirements, new Set()).map((d) => d.id)).toEqual([
      'original-education-document',
    ]);
    expect(missingUploads(requirements, new Set(['original-education-document']))).toEqual([]);
  });
});
