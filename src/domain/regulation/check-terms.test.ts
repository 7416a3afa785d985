import { describe, expect, it } from 'vitest';
import { registryCatalogue } from '../../integrations/registry-adapters.js';
import { loadRegulations } from '../../storage/regulation-files.js';
import {
  checkRegulations,
  checkRegulationsWithFidelity,
  type LoadedRegulation,
} from './check-regulations.js';
import { pathLength, sameLength, termLength } from './check-terms.js';
import type { Step } from './Step.js';

// Copies of the real definitions, checked with the real source texts (issue 17, part 2).
const input = loadRegulations();
const context = { registries: registryCatalogue() };
const copy = (id: string): LoadedRegulation => {
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
const check = (entry: LoadedRegulation) =>
  checkRegulations(
    { regulations: [entry], parseFailures: [], sourceTexts: input.sourceTexts },
    context,
  );
const errorsOf = (entry: LoadedRegulation) =>
  check(entry)
    .filter((finding) => finding.severity === 'error')
    .map((finding) => `${finding.channel ?? ''}:${finding.rule}`);
const step = (amount: number | undefined, unit?: Step['duration']['unit']): Step =>
  ({
    id: `s${String(amount)}${unit ?? ''}`,
    duration: amount === undefined ? { none: 'no duration' } : { amount, unit },
  }) as Step;

describe('pathLength: what a path counts against a term', () => {
  const path = [
    step(15, 'minutes'),
    step(3, 'hours'),
    step(13, 'working_days'),
    step(15, 'minutes'),
  ];

  it('leaves out the minutes on an uncounted day of acceptance and of issue', () => {
    expect(pathLength(path, { countsAcceptanceDay: false, countsIssueDay: true })).toEqual({
      minutes: 15,
      workingDays: 13,
      calendarDays: 0,
      months: 0,
    });
    expect(pathLength(path, { countsAcceptanceDay: false, countsIssueDay: false })).toEqual({
      minutes: 0,
      workingDays: 13,
      calendarDays: 0,
      months: 0,
    });
    expect(pathLength(path, { countsAcceptanceDay: true, countsIssueDay: true }).minutes).toBe(
      15 + 180 + 15,
    );
  });

  it('keeps calendar days apart from working days', () => {
    const mixed = pathLength([step(13, 'working_days'), step(1, 'calendar_days')], {
      countsAcceptanceDay: false,
      countsIssueDay: true,
    });
    expect(sameLength(mixed, termLength({ duration: { amount: 14, unit: 'working_days' } }))).toBe(
      false,
    );
    expect(mixed).toMatchObject({ workingDays: 13, calendarDays: 1 });
  });
});

describe('checkTermAgainstPaths on copies of the definitions', () => {
  it('passes every definition file unchanged: 0 errors', () => {
    for (const loaded of input.regulations) expect(errorsOf(structuredClone(loaded))).toEqual([]);
  });

  it('fails on a sum_of_steps total off by a day (unemployed certificate, front office 3 → 4 working days)', () => {
    const entry = copy('south-kazakhstan.unemployed-certificate.2012-12-26');
    const term = entry.regulation.terms.find((candidate) =>
      candidate.channels.includes('front_office'),
    );
    if (!term) throw new Error('no front-office term');
    term.duration.amount = 4;
    expect(errorsOf(entry)).toEqual(['front_office:termIsNotSumOfSteps']);
    const finding = check(entry).find((candidate) => candidate.rule === 'termIsNotSumOfSteps');
    expect(finding?.message).toContain('takes 3 working days');
  });

  it('fails when a step changes and the sum_of_steps total does not follow (Kostanay extern portal, review 13 → 12 working days)', () => {
    const entry = copy('kostanay.extern-permission.2018-12-21');
    stepOf(entry, 'portal', 'review').duration.amount = 12;
    expect(errorsOf(entry)).toContain('portal:termIsNotSumOfSteps');
  });

  it('compares calendar days as calendar days (kindergarten front office: 3 calendar days is not 3 working days)', () => {
    const entry = copy('south-kazakhstan.kindergarten-queue.2012-12-26');
    const term = entry.regulation.terms.find((candidate) =>
      candidate.channels.includes('front_office'),
    );
    if (!term) throw new Error('no front-office term');
    term.duration.unit = 'working_days';
    expect(errorsOf(entry)).toEqual(['front_office:termIsNotSumOfSteps']);
  });

  it('fails on a refusal path longer than the term (Aktobe school admission: a 10-minute refusal draft)', () => {
    const entry = copy('aktobe.school-admission.2018-07-20');
    stepOf(entry, 'provider_office', 'draft-refusal').duration = { amount: 10, unit: 'minutes' };
    const found = check(entry).filter((finding) => finding.rule === 'refusalPathExceedsTerm');
    expect(found.map((finding) => `${finding.severity}:${finding.channel}`)).toEqual([
      'error:provider_office',
    ]);
    expect(found[0]?.message).toContain('to "reasoned_refusal_issued" takes 40 min');
  });

  it('fails on a refusal path longer than the term even when a defect explains the result path', () => {
    const entry = copy('west-kazakhstan.duplicates.2016-03-01');
    stepOf(entry, 'provider_office', 'draft-refusal').duration = { amount: 2, unit: 'minutes' };
    expect(errorsOf(entry)).toEqual(['provider_office:refusalPathExceedsTerm']);
  });

  it('reports a path over a stated term as a warning with the recorded defect, and as an error without it', () => {
    const entry = copy('west-kazakhstan.duplicates.2016-03-01');
    const warning = check(entry).find(
      (finding) => finding.rule === 'pathExceedsTerm' && finding.channel === 'provider_office',
    );
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('recorded as defect "steps-exceed-standard"');
    const term = entry.regulation.terms[0];
    if (!term) throw new Error('no term');
    delete term.defect;
    expect(errorsOf(entry)).toEqual([
      'provider_office:pathExceedsTerm',
      'front_office:pathExceedsTerm',
    ]);
  });

  it('fails on a term naming a defect the definition does not record', () => {
    const entry = copy('kostanay.school-admission.2018-12-21');
    const term = entry.regulation.terms[0];
    if (!term) throw new Error('no term');
    term.defect = 'no-such-defect';
    expect(errorsOf(entry)).toEqual([
      'provider_office:termDefectUnknown',
      'portal:termDefectUnknown',
    ]);
  });

  it('fails on a stated term whose quote states another duration (15 → 14 working days against «15 рабочих дней»)', () => {
    const entry = copy('national.duplicates.2020-01-01');
    const term = entry.regulation.terms[0];
    if (!term) throw new Error('no term');
    term.duration.amount = 14;
    const found = check(entry).filter((finding) => finding.rule === 'durationDiffersFromQuote');
    expect(found.map((finding) => `${finding.severity}:${finding.path}`)).toEqual([
      'error:terms[0].duration',
    ]);
    expect(found[0]?.message).toContain('«15 рабочих дней»');
  });

  it('counts the verified terms in the fidelity report: assumed terms are never verified', () => {
    const { fidelity } = checkRegulationsWithFidelity(input, context);
    const total = fidelity.reduce((sum, file) => sum + file.terms.total, 0);
    const verified = fidelity.reduce((sum, file) => sum + file.terms.verified, 0);
    expect(total).toBe(27);
    expect(verified).toBe(19);
    const kostanay = fidelity.find(
      (file) => file.regulationId === 'kostanay.school-admission.2018-12-21',
    );
    expect(kostanay?.unverified).toContain(
      'terms[0] (provider_office, portal: 5 working_days): assumed, defect "rounded-term"',
    );
  });
});

describe('defects and dates that stay reported', () => {
  const findings = checkRegulations(input, context);

  it('reports a resolved defect that is still a contradiction of the text (seed 000: «в течение 2 минут» against 13 working days)', () => {
    const found = findings.find(
      (finding) =>
        finding.regulationId === 'west-kazakhstan.duplicates.2016-03-01' &&
        finding.path === 'defects[two-minute-check]',
    );
    expect(found?.severity).toBe('warning');
    expect(found?.rule).toBe('sourceDefect.term_mismatch');
    expect(found?.message).toContain('— resolution:');
    // A resolved defect that is not a contradiction (a missing duration) stays silent.
    expect(findings.map((finding) => finding.path)).not.toContain('defects[fo-provider-steps]');
  });

  it('reports the estimated effective dates of every definition whose dates are computed', () => {
    const estimated = findings
      .filter((finding) => finding.rule === 'estimatedEffectiveDates')
      .map((finding) => finding.regulationId);
    expect(estimated).toHaveLength(
      input.regulations.filter((loaded) => loaded.regulation.effectiveDates.basis === 'estimated')
        .length,
    );
    expect(estimated).toContain('kostanay.duplicates.2018-12-21');
    expect(estimated.length).toBeGreaterThanOrEqual(12);
  });
});
