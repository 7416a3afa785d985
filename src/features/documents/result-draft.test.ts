import { describe, expect, it } from 'vitest';
import { DocumentKind } from '../../documents/templates.js';
import { DraftOutcome, draftTemplate } from './result-draft.js';

describe('the template of a draft', () => {
  it('is the service’s own result, or the common reasoned refusal', () => {
    expect(draftTemplate(DraftOutcome.result, 'extern-permission')?.kind).toBe(
      DocumentKind.orderExtract,
    );
    expect(draftTemplate(DraftOutcome.result, 'duplicates')?.kind).toBe(
      DocumentKind.duplicateRecord,
    );
    expect(draftTemplate(DraftOutcome.result, 'kindergarten-queue')?.kind).toBe(
      DocumentKind.kindergartenReferral,
    );
    expect(draftTemplate(DraftOutcome.reasonedRefusal, 'archive-certificate')?.kind).toBe(
      DocumentKind.reasonedRefusal,
    );
    expect(draftTemplate(DraftOutcome.result, 'no-such-service')).toBeUndefined();
  });
});
