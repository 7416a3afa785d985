import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../storage/regulation-files.js';
import type { LoadedRegulation } from './check-regulations.js';
import { checkSourceFidelity, prepareSourceTexts } from './check-source-fidelity.js';
import type { Step } from './Step.js';

// A copy of a real definition (Kostanay duplicates, akimat-2016-285, annex 2, point 5) and the
// real text of its source, as the loader reads them.
const input = loadRegulations();
const texts = prepareSourceTexts(input.sourceTexts ?? new Map());
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
const errors = (entry: LoadedRegulation) =>
  checkSourceFidelity(entry, texts).findings.filter((finding) => finding.severity === 'error');
const rules = (entry: LoadedRegulation) =>
  checkSourceFidelity(entry, texts).findings.map((finding) => `${finding.step}:${finding.rule}`);

const id = 'kostanay.duplicates.2018-12-21';

describe('checkSourceFidelity on a copy of Kostanay duplicates and the text of akimat-2016-285', () => {
  it('passes the unchanged definition: every quote and every quoted duration verified', () => {
    const entry = copy(id);
    expect(errors(entry)).toEqual([]);
    const { fidelity } = checkSourceFidelity(entry, texts);
    expect(fidelity.quotes.verified).toBe(fidelity.quotes.total);
    expect(fidelity.quotes.total).toBeGreaterThan(0);
    expect(fidelity.durations.verified).toBe(fidelity.durations.total);
    expect(fidelity.durations.total).toBe(18);
    expect(fidelity.citations.resolved).toBe(fidelity.citations.total);
    expect(stepOf(entry, 'provider_office', 'assign').quote).toContain('3 (три) часа');
  });

  it('fails on a changed digit in a duration (3 hours → 4 hours against «3 (три) часа»)', () => {
    const entry = copy(id);
    stepOf(entry, 'provider_office', 'assign').duration.amount = 4;
    const found = errors(entry);
    expect(found.map((finding) => `${finding.step}:${finding.rule}`)).toEqual([
      'assign:durationDiffersFromQuote',
    ]);
    expect(found[0]?.message).toContain('4 hours');
    expect(found[0]?.message).toContain('(3 hours)');
    expect(found[0]?.citation).toBe('akimat-2016-285, annex 2, point 5, item 2');
  });

  it('fails on working days encoded where the text says calendar days, and on a changed unit', () => {
    const entry = copy(id);
    stepOf(entry, 'provider_office', 'review').duration.unit = 'calendar_days';
    expect(rules(entry)).toContain('review:durationDiffersFromQuote');
    const other = copy(id);
    stepOf(other, 'provider_office', 'register').duration.unit = 'hours';
    expect(rules(other)).toContain('register:durationDiffersFromQuote');
  });

  it('fails on a quote edited by one word, naming the file, the step and the source', () => {
    const entry = copy(id);
    const step = stepOf(entry, 'provider_office', 'assign');
    step.quote = step.quote?.replace('определяет', 'назначает');
    const found = errors(entry);
    expect(found.map((finding) => `${finding.step}:${finding.rule}`)).toEqual([
      'assign:quoteNotFound',
    ]);
    expect(found[0]?.file).toBe('regulations/kostanay/duplicates.yaml');
    expect(found[0]?.message).toContain('akimat-2016-285');
  });

  it('fails on a duration with no quote', () => {
    const entry = copy(id);
    delete stepOf(entry, 'provider_office', 'assign').quote;
    expect(errors(entry).map((finding) => `${finding.step}:${finding.rule}`)).toEqual([
      'assign:durationWithoutQuote',
    ]);
    const { fidelity } = checkSourceFidelity(entry, texts);
    expect(fidelity.unverified).toContain('provider_office/assign: 3 hours with no quote');
  });

  it('fails on a quote that gives no duration for a step that has one', () => {
    const entry = copy(id);
    stepOf(entry, 'provider_office', 'assign').quote =
      'руководитель услугодателя определяет ответственного исполнителя услугодателя';
    expect(errors(entry).map((finding) => `${finding.step}:${finding.rule}`)).toEqual([
      'assign:durationNotInQuote',
    ]);
  });

  it('fails on a citation of a point and of an item the text does not have', () => {
    const entry = copy(id);
    stepOf(entry, 'provider_office', 'assign').source.point = '45';
    stepOf(entry, 'provider_office', 'sign').source.item = '97';
    const found = errors(entry);
    expect(found.map((finding) => `${finding.step}:${finding.rule}`)).toEqual([
      'assign:citationNotInSource',
      'sign:citationNotInSource',
    ]);
    expect(found[0]?.message).toContain('point 45');
    expect(found[1]?.message).toContain('item 97');
  });

  it('cannot verify a quote whose source has no text, and says so without an error', () => {
    const entry = copy(id);
    const { findings, fidelity } = checkSourceFidelity(entry, new Map());
    expect(findings.filter((finding) => finding.rule === 'quoteNotFound')).toEqual([]);
    expect(fidelity.quotes.verified).toBe(0);
    expect(fidelity.unverified.some((line) => line.includes('has no text'))).toBe(true);
  });
});
