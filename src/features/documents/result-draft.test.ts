import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../storage/regulation-files.js';
import { DocumentKind } from '../../documents/templates.js';
import { DraftOutcome } from '../../domain/application/drafting.js';
import { draftTemplate } from './result-draft.js';

const regulations = loadRegulations().regulations.map((entry) => entry.regulation);
const of = (service: string, region: string) =>
  regulations.find((r) => r.service === service && r.region === region)!;

describe('the draft’s template comes from the regulation’s results', () => {
  it('takes the title and fields of the result the regulation lists', () => {
    const extern = of('extern-permission', 'kostanay');
    const template = draftTemplate(DraftOutcome.result, extern)!;
    const definition = extern.results.find((entry) => entry.kind === 'result')!;
    expect(template.kind).toBe(DocumentKind.result);
    expect(template.title).toEqual({ kk: definition.title.kk, ru: definition.title.ru });
    expect(template.fields.map((field) => field.key)).toEqual([
      ...definition.fields.map((field) => field.id),
      'requestNumber',
    ]);
    // A kindergarten's result is its referral.
    expect(
      draftTemplate(DraftOutcome.result, of('kindergarten-queue', 'south-kazakhstan'))?.kind,
    ).toBe(DocumentKind.referral);
    expect(
      draftTemplate(DraftOutcome.reasonedRefusal, of('archive-certificate', 'south-kazakhstan'))
        ?.kind,
    ).toBe(DocumentKind.reasonedRefusal);
    expect(draftTemplate(DraftOutcome.result, { results: [] })).toBeUndefined();
  });

  it('prints a new service’s result under its own title, with no code change', () => {
    const copy = structuredClone(of('duplicates', 'kostanay'));
    const result = copy.results.find((entry) => entry.kind === 'result')!;
    result.title = {
      kk: 'Қорғаншылық туралы анықтама',
      ru: 'Справка об опеке и попечительстве',
    };
    result.fields = [
      { id: 'ward-name', label: { kk: 'Қамқорлықтағының Т.А.Ә.', ru: 'ФИО подопечного' } },
    ];
    const template = draftTemplate(DraftOutcome.result, copy)!;
    expect(template.title.ru).toBe('Справка об опеке и попечительстве');
    expect(template.fields.map((field) => field.key)).toEqual(['ward-name', 'requestNumber']);
    expect(JSON.stringify(template)).not.toContain('экстернат');
  });
});
