import { describe, expect, it } from 'vitest';
import { registryCatalogue } from '../../integrations/registry-adapters.js';
import { loadRegulations } from '../../storage/regulation-files.js';
import { checkRegulations, formatFinding, type LoadedRegulation } from './check-regulations.js';
import type { Step } from './Step.js';

const input = loadRegulations();
const context = { registries: registryCatalogue() };
const findings = checkRegulations(input, context);
const loaded = (id: string): LoadedRegulation => {
  const found = input.regulations.find((entry) => entry.regulation.id === id);
  if (!found) throw new Error(`missing ${id}`);
  return structuredClone(found);
};
const stepOf = (entry: LoadedRegulation, channel: string, id: string): Step => {
  const step = entry.regulation.channels
    .find((flow) => flow.channel === channel)
    ?.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`missing ${channel}/${id}`);
  return step;
};
const checkOne = (entry: LoadedRegulation) =>
  checkRegulations({ regulations: [entry], parseFailures: [] }, context);

describe('checkRegulations on the definition files', () => {
  it('loads all 17 definitions and finds no structural error', () => {
    expect(input.parseFailures).toEqual([]);
    expect(input.regulations).toHaveLength(17);
    expect(findings.filter((finding) => finding.severity === 'error').map(formatFinding)).toEqual(
      [],
    );
  });

  it('every finding names the file and the rule', () => {
    for (const finding of findings) {
      expect(finding.file).toMatch(/^regulations\/[a-z-]+\/[a-z-]+(\.\d{4}-\d{2}-\d{2})?\.yaml$/);
      expect(finding.rule.length).toBeGreaterThan(0);
    }
  });

  it('reports the consistency findings the sources contain, as warnings with citations', () => {
    const rules = (rule: string) => findings.filter((finding) => finding.rule === rule);
    expect(
      rules('sameDecisionDifferentTerms').map(
        (finding) => `${finding.regulationId}/${finding.step}`,
      ),
    ).toEqual([
      'south-kazakhstan.kindergarten-queue.2012-12-26/decide',
      'south-kazakhstan.unemployed-certificate.2012-12-26/decide',
    ]);
    expect(rules('sameDecisionDifferentTerms')[0]?.citation).toContain(
      'akimat-2012-149, annex 1 (its annex 3), table 2, action 6',
    );
    expect(
      rules('inconsistentFieldFormat')
        .map((finding) => finding.path)
        .sort(),
    ).toEqual(['fields[child-iin]', 'fields[phone]', 'fields[postal-code]', 'fields[rnn]']);
    // Issue 17: a stated term shorter than its steps is a contradiction of the text, reported
    // (a warning) because the definition records it; a stated term longer than the steps is not.
    const overrun = rules('pathExceedsTerm').find(
      (finding) =>
        finding.regulationId === 'west-kazakhstan.duplicates.2016-03-01' &&
        finding.channel === 'provider_office',
    );
    expect(overrun?.severity).toBe('warning');
    expect(overrun?.message).toContain('takes 15 working days + 15 min, longer than the term');
    expect(overrun?.message).toContain('recorded as defect "steps-exceed-standard"');
    expect(
      rules('pathExceedsTerm').filter(
        (finding) => finding.regulationId === 'kostanay.duplicates.2018-12-21',
      ),
    ).toEqual([]);
    expect(rules('assumedEffectiveDates').map((finding) => finding.regulationId)).toEqual([
      'national.duplicates.2020-01-01',
    ]);
  });

  it('reports a recorded defect once, on the automatic finding, with its resolution', () => {
    const kindergarten = findings.filter(
      (finding) => finding.regulationId === 'south-kazakhstan.kindergarten-queue.2012-12-26',
    );
    expect(
      kindergarten.find((finding) => finding.rule === 'sameDecisionDifferentTerms')?.message,
    ).toContain('recorded as defect "decision-terms-differ"');
    expect(kindergarten.map((finding) => finding.path)).not.toContain(
      'defects[decision-terms-differ]',
    );
    const entry = loaded('south-kazakhstan.kindergarten-queue.2012-12-26');
    entry.regulation.defects = entry.regulation.defects.filter(
      (defect) => defect.kind !== 'channel_term_inconsistency',
    );
    const unrecorded = checkOne(entry).find(
      (finding) => finding.rule === 'sameDecisionDifferentTerms',
    );
    expect(unrecorded?.message).toContain('front_office/decide 3 calendar_days');
    expect(unrecorded?.message).not.toContain('recorded as defect');
  });

  it('reports the source defects that the resolutions did not remove, with their citation', () => {
    const defects = findings.filter((finding) => finding.rule.startsWith('sourceDefect.'));
    expect(defects.map((finding) => `${finding.regulationId} ${finding.path}`)).toContain(
      'kostanay.duplicates.2018-12-21 defects[fo-provider-13-days]',
    );
    expect(defects.map((finding) => finding.rule)).toContain('sourceDefect.language_discrepancy');
    const sources = (input.vocabulary?.vocabulary.sources ?? []).map((source) => source.id);
    expect(sources.length).toBeGreaterThan(0);
    for (const finding of defects) {
      expect(sources).toContain(finding.citation?.split(',')[0]);
    }
    // resolved defects are not reported
    expect(defects.map((finding) => finding.path)).not.toContain(
      'defects[executor-before-assignment]',
    );
  });
});

describe('checkRegulations on deliberately broken copies', () => {
  it('refuses an executor acting before assignment (the Aktobe admission text as written)', () => {
    const entry = loaded('aktobe.school-admission.2018-07-20');
    stepOf(entry, 'provider_office', 'register').actor = 'executor';
    const errors = checkOne(entry).filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'executorBeforeAssignment',
        channel: 'provider_office',
        step: 'register',
        file: 'regulations/aktobe/school-admission.yaml',
      }),
    ]);
    expect(errors[0]?.citation).toBe('akimat-2015-232, annex admission, point 5, item 1');
  });

  it('refuses an unreachable step', () => {
    const entry = loaded('kostanay.duplicates.2018-12-21');
    const office = entry.regulation.channels[0];
    office?.steps.push({ ...stepOf(entry, 'provider_office', 'issue-result'), id: 'orphan' });
    expect(checkOne(entry).filter((finding) => finding.severity === 'error')).toEqual([
      expect.objectContaining({
        rule: 'unreachableStep',
        step: 'orphan',
        channel: 'provider_office',
      }),
    ]);
  });

  it('refuses a loop with no way to a result', () => {
    const entry = loaded('south-kazakhstan.kindergarten-queue.2012-12-26');
    const consent = stepOf(entry, 'portal', 'consent');
    consent.next = 'decline';
    const errors = checkOne(entry).filter((finding) => finding.severity === 'error');
    expect(errors.map((finding) => `${finding.rule}:${finding.step}`)).toEqual(
      expect.arrayContaining([
        'deadEnd:offer-place',
        'deadEnd:await-answer',
        'deadEnd:decline',
        'unreachableStep:sign-referral',
      ]),
    );
  });

  it('warns when an electronic-only result is carried on paper (the Kostanay/Aktobe extern texts as written)', () => {
    const entry = loaded('kostanay.extern-permission.2018-12-21');
    const result = entry.regulation.results.find((document) => document.id === 'order-extract');
    if (result) result.forms = ['electronic'];
    expect(checkOne(entry)).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        rule: 'resultFormMismatch',
        step: 'fo-send-result',
      }),
    );
  });

  it('refuses two versions of one service in force on the same day', () => {
    const first = loaded('kostanay.duplicates.2018-12-21');
    const second = structuredClone(first);
    second.file = 'regulations/kostanay/duplicates-copy.yaml';
    second.regulation.id = 'kostanay.duplicates.2019-05-01';
    const result = checkRegulations({ regulations: [first, second], parseFailures: [] }, context);
    expect(result).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        rule: 'overlappingVersions',
        file: 'regulations/kostanay/duplicates-copy.yaml',
      }),
    );
  });

  it('reports a step duration that overruns a stated term as an error when no defect records it', () => {
    const entry = loaded('kostanay.duplicates.2018-12-21');
    stepOf(entry, 'provider_office', 'review').duration = { amount: 20, unit: 'working_days' };
    const sum = checkOne(entry).find(
      (finding) => finding.rule === 'pathExceedsTerm' && finding.channel === 'provider_office',
    );
    expect(sum?.severity).toBe('error');
    expect(sum?.message).toContain(
      'takes 20 working days + 3 h 15 min, longer than the term 15 working_days (stated)',
    );
  });
});
