import { formatCitation } from './Citation.js';
import type { Finding, LoadedRegulation } from './finding.js';
import { findMissingFragment, type PreparedSourceText } from './source-text.js';
import type { ServiceKnownByTitle, VersionGap, VersionHistory } from './VersionHistory.js';
import type { VocabularyIndex } from './vocabulary-index.js';

/** Where the version history lives, for findings about it. */
export const versionHistoryFile = 'regulations/_vocabulary/versions.yaml';

/** One period of a service of a region: an encoded version or an explained gap. */
export type CoveragePeriod =
  | {
      kind: 'version';
      from: string;
      /** First day no longer in force; undefined: open. */
      to?: string;
      regulationId: string;
      file: string;
      dates: string;
    }
  | { kind: 'gap'; from: string; to: string; gap: VersionGap }
  | { kind: 'unexplained'; from: string; to: string };

/** The time a service of a region is covered by versions, gaps explained and not. */
export interface ServiceCoverage {
  region: string;
  service: string;
  periods: CoveragePeriod[];
  /** Days (first day of the first period to the last end; an open version ends at `asOf`). */
  days: { total: number; versions: number; explainedGaps: number; unexplained: number };
}

const dayMs = 24 * 60 * 60 * 1000;
const daysBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / dayMs));

/**
 * Lays the versions and the recorded gaps of every service of every region on a time line.
 * Between two consecutive periods, a day that neither covers is an unexplained gap.
 */
export function coverageOf(
  regulations: readonly LoadedRegulation[],
  history: VersionHistory,
  asOf: string,
): ServiceCoverage[] {
  const keys = new Map<string, { region: string; service: string }>();
  for (const { regulation } of regulations)
    keys.set(`${regulation.region}/${regulation.service}`, regulation);
  for (const gap of history.gaps) keys.set(`${gap.region}/${gap.service}`, gap);
  return [...keys.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { region, service }]) => {
      const periods: CoveragePeriod[] = [
        ...regulations
          .filter(({ regulation }) => `${regulation.region}/${regulation.service}` === key)
          .map(({ regulation, file }): CoveragePeriod => ({
            kind: 'version',
            from: regulation.effectiveFrom,
            to: regulation.effectiveTo,
            regulationId: regulation.id,
            file,
            dates: regulation.effectiveDates.basis,
          })),
        ...history.gaps
          .filter((gap) => `${gap.region}/${gap.service}` === key)
          .map((gap): CoveragePeriod => ({ kind: 'gap', from: gap.from, to: gap.to, gap })),
      ].sort((a, b) => a.from.localeCompare(b.from));
      const withHoles: CoveragePeriod[] = [];
      let reached: string | undefined;
      for (const period of periods) {
        if (reached !== undefined && reached < period.from) {
          withHoles.push({ kind: 'unexplained', from: reached, to: period.from });
        }
        withHoles.push(period);
        const end = period.to ?? '9999-12-31';
        if (reached === undefined || end > reached) reached = end;
      }
      const length = (period: CoveragePeriod) =>
        daysBetween(period.from, period.to ?? (asOf > period.from ? asOf : period.from));
      const sum = (kind: CoveragePeriod['kind']) =>
        withHoles
          .filter((period) => period.kind === kind)
          .reduce((total, period) => total + length(period), 0);
      const days = {
        versions: sum('version'),
        explainedGaps: sum('gap'),
        unexplained: sum('unexplained'),
      };
      return {
        region,
        service,
        periods: withHoles,
        days: { total: days.versions + days.explainedGaps + days.unexplained, ...days },
      };
    });
}

function overlaps(a: { from: string; to?: string }, b: { from: string; to?: string }): boolean {
  return a.from < (b.to ?? '9999-12-31') && b.from < (a.to ?? '9999-12-31');
}

/**
 * Checks the versions of every service of every region as a time line (issue 17):
 * - `versionGap` (error): between two versions of a service of a region, days no version is in
 *   force and no recorded gap (regulations/_vocabulary/versions.yaml) explains;
 * - `gapOverlapsVersion` (error): a recorded gap covers days a version is in force;
 * - `gapUnknownRegion` / `gapUnknownService` (error): a gap or a title names a code the
 *   vocabulary does not declare; `quoteNotFound` (error): its quote is not in its source;
 * - `explainedGap` (warning): every recorded gap, so the report says which days no version covers
 *   and why.
 */
export function checkVersionHistory(
  regulations: readonly LoadedRegulation[],
  history: VersionHistory,
  vocabulary: VocabularyIndex | undefined,
  texts: ReadonlyMap<string, PreparedSourceText> | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const versionsOf = (region: string, service: string) =>
    regulations
      .filter(({ regulation }) => regulation.region === region && regulation.service === service)
      .sort((a, b) => a.regulation.effectiveFrom.localeCompare(b.regulation.effectiveFrom));

  const groups = new Set(
    regulations.map(({ regulation }) => `${regulation.region}/${regulation.service}`),
  );
  for (const key of groups) {
    const [region = '', service = ''] = key.split('/');
    const versions = versionsOf(region, service);
    versions.forEach((current, index) => {
      const next = versions[index + 1];
      const end = current.regulation.effectiveTo;
      if (!next || end === undefined || end >= next.regulation.effectiveFrom) return;
      const hole = { from: end, to: next.regulation.effectiveFrom };
      const explained = history.gaps.filter(
        (gap) => gap.region === region && gap.service === service && overlaps(gap, hole),
      );
      let reached = hole.from;
      for (const gap of [...explained].sort((a, b) => a.from.localeCompare(b.from))) {
        if (gap.from > reached) break;
        if (gap.to > reached) reached = gap.to;
      }
      if (reached >= hole.to) return;
      findings.push({
        severity: 'error',
        file: next.file,
        regulationId: next.regulation.id,
        path: 'effectiveFrom',
        rule: 'versionGap',
        message: `no version of ${service} in ${region} is in force from ${reached} to ${hole.to} (after ${current.regulation.id}, before ${next.regulation.id}), and no gap in versions.yaml explains it`,
      });
    });
  }

  const quoteFindings = (
    entry: VersionGap | ServiceKnownByTitle,
    at: string,
    file: string,
  ): Finding[] => {
    if (!entry.quote || !texts) return [];
    const text = texts.get(entry.source.source);
    if (!text) return [];
    const missing = findMissingFragment(text, entry.quote);
    if (missing === undefined) return [];
    return [
      {
        severity: 'error',
        file,
        path: `${at}.quote`,
        rule: 'quoteNotFound',
        message: `the quote is not in the text of ${entry.source.source}: «${missing}» not found`,
        citation: formatCitation(entry.source),
      },
    ];
  };

  history.gaps.forEach((gap, index) => {
    const at = `gaps[${index}]`;
    const versions = versionsOf(gap.region, gap.service);
    const file = versions[0]?.file ?? versionHistoryFile;
    if (vocabulary && !vocabulary.findRegion(gap.region)) {
      findings.push({
        severity: 'error',
        file: versionHistoryFile,
        path: `${at}.region`,
        rule: 'gapUnknownRegion',
        message: `region "${gap.region}" is not declared in regions.yaml`,
      });
    }
    if (vocabulary && !vocabulary.findService(gap.service)) {
      findings.push({
        severity: 'error',
        file: versionHistoryFile,
        path: `${at}.service`,
        rule: 'gapUnknownService',
        message: `service "${gap.service}" is not declared in services.yaml`,
      });
    }
    for (const version of versions) {
      const period = { from: version.regulation.effectiveFrom, to: version.regulation.effectiveTo };
      if (!overlaps(gap, period)) continue;
      findings.push({
        severity: 'error',
        file: version.file,
        regulationId: version.regulation.id,
        path: 'effectiveFrom',
        rule: 'gapOverlapsVersion',
        message: `versions.yaml ${at} (${gap.from} to ${gap.to}) says no version of ${gap.service} in ${gap.region} is encoded, but ${version.regulation.id} is in force from ${version.regulation.effectiveFrom} to ${version.regulation.effectiveTo ?? 'open'}`,
      });
    }
    findings.push(...quoteFindings(gap, at, versionHistoryFile));
    findings.push({
      severity: 'warning',
      file,
      ...(versions[0] ? { regulationId: versions[0].regulation.id } : {}),
      path: `versions.yaml ${at}`,
      rule: 'explainedGap',
      message: `no version of ${gap.service} in ${gap.region} is encoded from ${gap.from} to ${gap.to} (${gap.kind}, dates ${gap.dates}): ${gap.reason}`,
      citation: formatCitation(gap.source),
    });
  });
  history.knownByTitle.forEach((entry, index) => {
    const at = `knownByTitle[${index}]`;
    if (vocabulary && !vocabulary.findRegion(entry.region)) {
      findings.push({
        severity: 'error',
        file: versionHistoryFile,
        path: `${at}.region`,
        rule: 'gapUnknownRegion',
        message: `region "${entry.region}" is not declared in regions.yaml`,
      });
    }
    findings.push(...quoteFindings(entry, at, versionHistoryFile));
  });
  return findings;
}
