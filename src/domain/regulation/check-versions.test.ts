import { describe, expect, it } from 'vitest';
import { registryCatalogue } from '../../integrations/registry-adapters.js';
import { loadRegulations } from '../../storage/regulation-files.js';
import { checkRegulations, type LoadedRegulation } from './check-regulations.js';
import { coverageOf } from './check-versions.js';
import type { VersionHistory } from './VersionHistory.js';

// The real definitions and versions.yaml; a second version is a copy with its own period.
const input = loadRegulations();
const context = { registries: registryCatalogue() };
const history = input.history as VersionHistory;
const copy = (id: string): LoadedRegulation => {
  const found = input.regulations.find((entry) => entry.regulation.id === id);
  if (!found) throw new Error(`missing ${id}`);
  return structuredClone(found);
};
const twoVersions = (firstTo: string, secondFrom: string) => {
  const first = copy('kostanay.duplicates.2018-12-21');
  first.regulation.id = 'kostanay.duplicates.2017-01-01';
  first.file = 'regulations/kostanay/duplicates-2017.yaml';
  first.regulation.effectiveFrom = '2017-01-01';
  first.regulation.effectiveTo = firstTo;
  const second = copy('kostanay.duplicates.2018-12-21');
  second.regulation.effectiveFrom = secondFrom;
  return [first, second];
};
const check = (regulations: LoadedRegulation[], recorded: VersionHistory) =>
  checkRegulations(
    { regulations, parseFailures: [], vocabulary: input.vocabulary, history: recorded },
    context,
  );
const empty: VersionHistory = { gaps: [], knownByTitle: [] };

describe('checkVersionHistory', () => {
  it('fails on a gap between two versions that nothing explains', () => {
    const found = check(twoVersions('2017-06-01', '2017-09-01'), empty).filter(
      (finding) => finding.rule === 'versionGap',
    );
    expect(found.map((finding) => `${finding.severity}:${finding.regulationId}`)).toEqual([
      'error:kostanay.duplicates.2018-12-21',
    ]);
    expect(found[0]?.message).toContain('from 2017-06-01 to 2017-09-01');
  });

  it('passes two versions that follow each other, and reports a recorded gap as explained', () => {
    expect(
      check(twoVersions('2017-06-01', '2017-06-01'), empty).filter(
        (finding) => finding.rule === 'versionGap' || finding.severity === 'error',
      ),
    ).toEqual([]);
    const gap = {
      region: 'kostanay',
      service: 'duplicates',
      from: '2017-06-01',
      to: '2017-09-01',
      kind: 'not_in_source' as const,
      dates: 'estimated' as const,
      reason: 'test',
      source: { source: 'akimat-2016-285' },
    };
    const findings = check(twoVersions('2017-06-01', '2017-09-01'), { ...empty, gaps: [gap] });
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(findings.find((finding) => finding.rule === 'explainedGap')?.message).toContain(
      'from 2017-06-01 to 2017-09-01 (not_in_source, dates estimated): test',
    );
    // A gap explaining only part of the hole still fails, from the first day it leaves open.
    const partial = check(twoVersions('2017-06-01', '2017-09-01'), {
      ...empty,
      gaps: [{ ...gap, to: '2017-07-01' }],
    }).find((finding) => finding.rule === 'versionGap');
    expect(partial?.message).toContain('from 2017-07-01 to 2017-09-01');
  });

  it('fails on a recorded gap that covers days a version is in force', () => {
    const gap = {
      region: 'kostanay',
      service: 'duplicates',
      from: '2019-06-01',
      to: '2019-07-01',
      kind: 'not_encoded' as const,
      dates: 'estimated' as const,
      reason: 'wrong',
      source: { source: 'akimat-2016-285' },
    };
    const found = check([copy('kostanay.duplicates.2018-12-21')], { ...empty, gaps: [gap] });
    expect(found.filter((finding) => finding.severity === 'error').map((f) => f.rule)).toEqual([
      'gapOverlapsVersion',
    ]);
  });

  it('fails on a gap naming an undeclared service and on a quote not in its source', () => {
    const gap = {
      region: 'kostanay',
      service: 'no-such-service',
      from: '2010-01-01',
      to: '2011-01-01',
      kind: 'not_in_source' as const,
      dates: 'estimated' as const,
      reason: 'x',
      source: { source: 'akimat-2016-285' },
      quote: 'Пункт 8 – в редакции постановления акимата Павлодарской области',
    };
    const found = checkRegulations(
      { ...input, history: { ...empty, gaps: [gap] } },
      context,
    ).filter((finding) => finding.severity === 'error');
    expect(found.map((finding) => finding.rule).sort()).toEqual([
      'gapUnknownService',
      'quoteNotFound',
    ]);
  });

  it('passes the real files: every gap recorded in versions.yaml explained, none unexplained', () => {
    const findings = checkRegulations(input, context);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(findings.filter((finding) => finding.rule === 'explainedGap')).toHaveLength(
      history.gaps.length,
    );
    const coverage = coverageOf(input.regulations, history, '2026-12-04');
    expect(coverage.filter((service) => service.days.unexplained > 0)).toEqual([]);
    const kostanay = coverage.find(
      (service) => service.region === 'kostanay' && service.service === 'duplicates',
    );
    expect(kostanay?.periods.map((period) => `${period.kind} ${period.from}`)).toEqual(
      expect.arrayContaining(['gap 2016-08-05', 'version 2019-01-01']),
    );
    expect(history.knownByTitle.map((entry) => entry.region)).toEqual([
      'aktobe',
      'south-kazakhstan',
    ]);
  });

  it('counts an uncovered stretch between versions as unexplained in the coverage', () => {
    const [first, second] = twoVersions('2017-06-01', '2017-09-01');
    const coverage = coverageOf([first, second] as LoadedRegulation[], empty, '2026-12-04');
    expect(coverage[0]?.days.unexplained).toBe(92);
    expect(coverage[0]?.periods.map((period) => period.kind)).toEqual([
      'version',
      'unexplained',
      'version',
    ]);
  });
});
