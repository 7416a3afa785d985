import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { defineRegulation, parseRegulation } from './define-regulation.js';

const text = (ru: string) => ({ kk: `${ru} (kk)`, ru });
const source = { source: 'akimat-2016-285', annex: '2', point: '5' };

/** A minimal valid definition: one channel, register → issue. */
function minimal(): Record<string, unknown> {
  return {
    id: 'kostanay.duplicates.2018-12-21',
    service: 'duplicates',
    name: { kk: 'Телнұсқа', ru: 'Дубликат', en: 'Duplicate' },
    region: 'kostanay',
    act: { kind: 'akimat_resolution', issuer: text('Акимат'), number: '285', date: '2016-06-21' },
    amendments: [{ number: '557', date: '2018-12-21', points: ['1'] }],
    version: '2018-12-21',
    effectiveFrom: '2019-01-01',
    effectiveDates: { basis: 'estimated', note: 'test' },
    providerKinds: ['school'],
    applicantKinds: ['individual'],
    forms: ['paper'],
    fee: { kind: 'free' },
    channels: [
      {
        channel: 'provider_office',
        start: 'register',
        source,
        steps: [
          {
            id: 'register',
            actor: 'registry_office',
            action: 'register',
            description: text('Регистрация'),
            duration: { amount: 15, unit: 'minutes' },
            result: text('Зарегистрировано'),
            next: 'issue',
            source,
          },
          {
            id: 'issue',
            actor: 'registry_office',
            action: 'issue_result',
            description: text('Выдача'),
            duration: { amount: 15, unit: 'minutes' },
            result: text('Выдано'),
            end: 'result_issued',
            produces: ['result'],
            source,
          },
        ],
      },
    ],
    terms: [
      {
        channels: ['provider_office'],
        duration: { amount: 30, unit: 'minutes' },
        basis: 'sum_of_steps',
        countsAcceptanceDay: true,
        countsIssueDay: true,
        source,
      },
    ],
    results: [
      { id: 'duplicate', kind: 'result', title: text('Дубликат'), forms: ['paper'], source },
    ],
  };
}

const steps = (definition: Record<string, unknown>) =>
  (definition.channels as { steps: Record<string, unknown>[] }[])[0]?.steps ?? [];

function issuesOf(definition: Record<string, unknown>) {
  const result = parseRegulation(definition, 'regulations/kostanay/duplicates.yaml');
  if (result.ok) throw new Error('expected the definition to be refused');
  return result.issues;
}

describe('defineRegulation', () => {
  it('accepts a valid definition and applies defaults', () => {
    const regulation = defineRegulation(minimal(), 'test.yaml');
    expect(regulation.channels[0]?.steps[0]?.produces).toEqual([]);
    expect(regulation.terms[0]?.extension).toEqual({ allowed: false, notifyApplicant: false });
  });

  it('refuses with a DomainError naming file, path and rule', () => {
    const definition = minimal();
    delete (steps(definition)[0]?.description as Record<string, unknown>).ru;
    try {
      defineRegulation(definition, 'regulations/kostanay/duplicates.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as Error).message).toContain(
        'regulations/kostanay/duplicates.yaml: channels[provider_office].steps[register].description.ru: Invalid input: expected string, received undefined [schema.invalid_type]',
      );
      expect((error as DomainError).code).toBe('validation_failed');
    }
  });

  it.each([
    [
      'an unknown actor',
      (d: Record<string, unknown>) => {
        (steps(d)[0] as Record<string, unknown>).actor = 'clerk';
      },
      'channels[provider_office].steps[register].actor',
      'schema.invalid_value',
    ],
    [
      'a step without duration',
      (d: Record<string, unknown>) => {
        (steps(d)[0] as Record<string, unknown>).duration = {};
      },
      'channels[provider_office].steps[register].duration',
      'durationIsAmountOrNone',
    ],
    [
      'a step with two transitions',
      (d: Record<string, unknown>) => {
        (steps(d)[0] as Record<string, unknown>).end = 'result_issued';
      },
      'channels[provider_office].steps[register]',
      'stepHasExactlyOneTransition',
    ],
    [
      'a transition to an unknown step',
      (d: Record<string, unknown>) => {
        (steps(d)[0] as Record<string, unknown>).next = 'nowhere';
      },
      'channels[provider_office].steps[register].next',
      'transitionsPointToSteps',
    ],
    [
      'a final step that produces nothing',
      (d: Record<string, unknown>) => {
        (steps(d)[1] as Record<string, unknown>).produces = [];
      },
      'channels[provider_office].steps[issue].produces',
      'endStepProducesSomething',
    ],
    [
      'an id that does not match',
      (d: Record<string, unknown>) => {
        d.id = 'kostanay.duplicates.2016-06-21';
      },
      'id',
      'idMatchesRegionServiceVersion',
    ],
    [
      'a version that is not the latest act',
      (d: Record<string, unknown>) => {
        d.version = '2016-06-21';
        d.id = 'kostanay.duplicates.2016-06-21';
      },
      'version',
      'versionIsLatestAct',
    ],
    [
      'a channel without a term',
      (d: Record<string, unknown>) => {
        d.terms = [{ ...(d.terms as Record<string, unknown>[])[0], channels: ['portal'] }];
      },
      'terms',
      'channelsAreUniqueAndTermed',
    ],
    [
      'a window on an unknown field',
      (d: Record<string, unknown>) => {
        d.windows = [
          {
            id: 'first-grade',
            label: text('Окно'),
            appliesWhen: { field: 'grade', equals: ['1'] },
            until: '08-30',
            source,
          },
        ];
      },
      'windows[first-grade].appliesWhen.field',
      'referencesResolve',
    ],
    [
      'an extension without maximum',
      (d: Record<string, unknown>) => {
        (d.terms as Record<string, unknown>[])[0]!.extension = {
          allowed: true,
          notifyApplicant: true,
        };
      },
      'terms[0].extension.maximum',
      'extensionHasMaximum',
    ],
  ])('refuses %s', (_name, mutate, path, rule) => {
    const definition = minimal();
    mutate(definition);
    expect(issuesOf(definition)).toContainEqual(
      expect.objectContaining({ path, rule, file: 'regulations/kostanay/duplicates.yaml' }),
    );
  });
});
