import type { ChannelFlow } from './ChannelFlow.js';
import {
  checkDecisionTermsAcrossChannels,
  checkDefectsAndDates,
  checkFieldConsistency,
  checkResultForms,
} from './check-consistency.js';
import { checkTermAgainstPaths } from './check-terms.js';
import { checkVersionHistory } from './check-versions.js';
import { checkVocabularyReferences } from './check-vocabulary.js';
import {
  checkSourceFidelity,
  prepareSourceTexts,
  type FileFidelity,
} from './check-source-fidelity.js';
import { formatCitation } from './Citation.js';
import { checkRegistryLookups, checkStepsAreCompleted } from './check-completion.js';
import type { CheckContext, CheckInput, Finding, LoadedRegulation } from './finding.js';
import { executorStepsBeforeAssignment, reachableFrom, stepsThatCanFinish } from './flow-graph.js';

export type { FileFidelity } from './check-source-fidelity.js';
export type {
  CheckContext,
  CheckInput,
  Finding,
  FindingSeverity,
  LoadedRegulation,
} from './finding.js';
const stepKey = (flow: ChannelFlow, stepId: string) => ({ channel: flow.channel, step: stepId });

function checkFlowStructure(loaded: LoadedRegulation, flow: ChannelFlow): Finding[] {
  const base = { file: loaded.file, regulationId: loaded.regulation.id };
  const findings: Finding[] = [];
  const reachable = reachableFrom(flow);
  for (const step of flow.steps) {
    if (!reachable.has(step.id)) {
      findings.push({
        ...base,
        ...stepKey(flow, step.id),
        severity: 'error',
        rule: 'unreachableStep',
        message: `step "${step.id}" cannot be reached from start "${flow.start}"`,
        citation: formatCitation(step.source),
      });
    }
  }
  const finishing = stepsThatCanFinish(flow);
  for (const step of flow.steps) {
    if (reachable.has(step.id) && !finishing.has(step.id)) {
      findings.push({
        ...base,
        ...stepKey(flow, step.id),
        severity: 'error',
        rule: 'deadEnd',
        message: `no final step with a result can be reached from step "${step.id}"`,
        citation: formatCitation(step.source),
      });
    }
    if (step.decide && step.decide.ifYes === step.decide.ifNo) {
      findings.push({
        ...base,
        ...stepKey(flow, step.id),
        severity: 'warning',
        rule: 'decisionWithoutEffect',
        message: `both answers of "${step.decide.question}" lead to "${step.decide.ifYes}"`,
      });
    }
  }
  for (const step of executorStepsBeforeAssignment(flow)) {
    findings.push({
      ...base,
      ...stepKey(flow, step.id),
      severity: 'error',
      rule: 'executorBeforeAssignment',
      message: `the executor acts at "${step.id}" before any assign_executor step`,
      citation: formatCitation(step.source),
    });
  }
  if (!flow.steps.some((step) => step.end === 'result_issued')) {
    findings.push({
      ...base,
      channel: flow.channel,
      severity: 'error',
      rule: 'noResultEnd',
      message: `the ${flow.channel} flow has no final step that issues the result`,
    });
  }
  return findings;
}

function checkVersionOverlaps(regulations: readonly LoadedRegulation[]): Finding[] {
  const findings: Finding[] = [];
  regulations.forEach((a, index) => {
    for (const b of regulations.slice(index + 1)) {
      const x = a.regulation;
      const y = b.regulation;
      if (x.region !== y.region || x.service !== y.service) continue;
      const xEnd = x.effectiveTo ?? '9999-12-31';
      const yEnd = y.effectiveTo ?? '9999-12-31';
      if (x.effectiveFrom < yEnd && y.effectiveFrom < xEnd) {
        findings.push({
          severity: 'error',
          file: b.file,
          regulationId: y.id,
          rule: 'overlappingVersions',
          message: `${y.id} and ${x.id} (${a.file}) are in force on the same days; the version for an application would be ambiguous`,
        });
      }
    }
    const duplicateId = regulations.findIndex((other) => other.regulation.id === a.regulation.id);
    if (duplicateId !== index) {
      findings.push({
        severity: 'error',
        file: a.file,
        regulationId: a.regulation.id,
        rule: 'duplicateId',
        message: `id ${a.regulation.id} is used by two files`,
      });
    }
  });
  return findings;
}

/** Rules whose error means a term does not follow from its source or its steps. */
const termErrorRules = new Set([
  'termIsNotSumOfSteps',
  'pathExceedsTerm',
  'refusalPathExceedsTerm',
  'termDefectUnknown',
  'durationDiffersFromQuote',
  'durationNotInQuote',
  'quoteNotFound',
]);

/** Adds the count of verified total terms (see FileFidelity.terms) to a file's fidelity. */
function countVerifiedTerms(
  loaded: LoadedRegulation,
  fidelity: FileFidelity,
  findings: readonly Finding[],
): FileFidelity {
  const terms = loaded.regulation.terms;
  const unverified: string[] = [];
  let verified = 0;
  terms.forEach((term, index) => {
    const failed = findings.some(
      (finding) =>
        finding.severity === 'error' &&
        finding.regulationId === loaded.regulation.id &&
        termErrorRules.has(finding.rule) &&
        ((finding.channel !== undefined &&
          (term.channels as readonly string[]).includes(finding.channel) &&
          finding.step === undefined) ||
          finding.path?.startsWith(`terms[${index}]`) === true),
    );
    const what = `terms[${index}] (${term.channels.join(', ')}: ${term.duration.amount} ${term.duration.unit})`;
    if (term.basis === 'assumed')
      unverified.push(`${what}: assumed, defect "${term.defect ?? ''}"`);
    else if (failed) unverified.push(`${what}: ${term.basis}, does not hold`);
    else verified += 1;
  });
  return {
    ...fidelity,
    terms: { total: terms.length, verified },
    unverified: [...fidelity.unverified, ...unverified],
  };
}

/**
 * Checks every definition and the set as a whole. Pure: takes parsed definitions, returns findings.
 * Structural problems (parse failures, an invalid vocabulary, a region, service, provider kind or
 * source the vocabulary does not declare, a file outside its region's folder, unreachable steps,
 * dead ends, executors acting before assignment, steps nobody completes, lookups of registries or
 * facts the gateway does not have, overlapping versions) are errors; consistency findings and the
 * source defects that the definitions' resolutions did not remove are warnings. `context` says
 * what the gateway's registry adapters answer.
 */
export function checkRegulations(input: CheckInput, context: CheckContext): Finding[] {
  return checkRegulationsWithFidelity(input, context).findings;
}

/**
 * `checkRegulations` and, when `input.sourceTexts` is given, the per-file report of what was
 * verified against the sources (quotes, durations, citations) and what could not be.
 */
export function checkRegulationsWithFidelity(
  input: CheckInput,
  context: CheckContext,
): { findings: Finding[]; fidelity: FileFidelity[] } {
  const findings: Finding[] = [];
  const fidelity: FileFidelity[] = [];
  const texts = input.sourceTexts ? prepareSourceTexts(input.sourceTexts) : undefined;
  for (const failure of input.parseFailures) {
    for (const issue of failure.issues) {
      const stepMatch = /steps\[([^\]]+)\]/.exec(issue.path);
      const channelMatch = /channels\[([^\]]+)\]/.exec(issue.path);
      findings.push({
        severity: 'error',
        file: failure.file,
        channel: channelMatch?.[1],
        step: stepMatch?.[1],
        path: issue.path,
        rule: issue.rule,
        message: issue.message,
      });
    }
  }
  for (const issue of [...(input.vocabularyFailures ?? []), ...(input.historyFailures ?? [])]) {
    findings.push({
      severity: 'error',
      file: issue.file,
      path: issue.path,
      rule: issue.rule,
      message: issue.message,
    });
  }
  for (const loaded of input.regulations) {
    if (input.vocabulary) findings.push(...checkVocabularyReferences(loaded, input.vocabulary));
    for (const flow of loaded.regulation.channels) {
      findings.push(
        ...checkFlowStructure(loaded, flow),
        ...checkStepsAreCompleted(loaded, flow),
        ...checkRegistryLookups(loaded, flow, context),
        ...checkTermAgainstPaths(loaded, flow),
      );
    }
    if (texts) {
      const read = checkSourceFidelity(loaded, texts);
      findings.push(...read.findings);
      fidelity.push(countVerifiedTerms(loaded, read.fidelity, [...findings, ...read.findings]));
    }
    findings.push(
      ...checkDecisionTermsAcrossChannels(loaded),
      ...checkResultForms(loaded),
      ...checkDefectsAndDates(loaded),
    );
  }
  findings.push(
    ...checkFieldConsistency(input.regulations),
    ...checkVersionOverlaps(input.regulations),
    ...checkVersionHistory(
      input.regulations,
      input.history ?? { gaps: [], knownByTitle: [] },
      input.vocabulary,
      texts,
    ),
  );
  return { findings: mergeRecordedDefects(findings, input.regulations), fidelity };
}

/** Automatic rules and the defect kinds that record the same problem in a definition. */
const recordedAs: Readonly<Record<string, string>> = {
  sameDecisionDifferentTerms: 'channel_term_inconsistency',
  resultFormMismatch: 'result_form_mismatch',
};

/**
 * When an automatic finding is a defect the definition already records (e.g. the same decision
 * with different terms per channel, kept on purpose), report it once: the automatic finding
 * carries the recorded defect's id and resolution, and the defect's own warning is dropped.
 */
function mergeRecordedDefects(
  findings: Finding[],
  regulations: readonly LoadedRegulation[],
): Finding[] {
  const merged = new Set<string>();
  const enriched = findings.map((finding) => {
    const kind = recordedAs[finding.rule];
    const regulation = regulations.find(
      (loaded) => loaded.regulation.id === finding.regulationId,
    )?.regulation;
    const defect = kind
      ? regulation?.defects.find((candidate) => candidate.kind === kind)
      : undefined;
    if (!regulation || !defect) return finding;
    merged.add(`${regulation.id}/defects[${defect.id}]`);
    return {
      ...finding,
      message: `${finding.message} — recorded as defect "${defect.id}": ${defect.resolution?.text ?? 'not resolved'}`,
    };
  });
  return enriched.filter(
    (finding) =>
      !(
        finding.rule.startsWith('sourceDefect.') &&
        merged.has(`${finding.regulationId ?? ''}/${finding.path ?? ''}`)
      ),
  );
}

/** One line per finding: `warning file [channel/step] rule: message (citation)`. */
export function formatFinding(finding: Finding): string {
  const where = [finding.channel, finding.step].filter(Boolean).join('/');
  return `${finding.severity} ${finding.file}${where ? ` [${where}]` : ''}${finding.path ? ` ${finding.path}` : ''} ${finding.rule}: ${finding.message}${finding.citation ? ` (${finding.citation})` : ''}`;
}

/** A definition file the engine does not run, with the first error that keeps it out. */
export interface BrokenRegulationFile {
  file: string;
  regulationId?: string;
  firstError: string;
  errors: number;
}

/**
 * Splits the checked set into the definitions the engine can run and the broken files: a file
 * with any error finding is left out (the others keep running) and named with its first error.
 * When the vocabulary itself is refused, its files are broken and no definition runs.
 */
export function partitionRunnable(
  input: CheckInput,
  findings: readonly Finding[],
): { runnable: LoadedRegulation[]; broken: BrokenRegulationFile[] } {
  const errorsByFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.severity !== 'error') continue;
    errorsByFile.set(finding.file, [...(errorsByFile.get(finding.file) ?? []), finding]);
  }
  const vocabularyBroken = input.vocabulary === undefined;
  const runnable = vocabularyBroken
    ? []
    : input.regulations.filter((loaded) => !errorsByFile.has(loaded.file));
  const broken = [...errorsByFile.entries()].map(([file, errors]) => {
    const first = errors[0] as Finding;
    return {
      file,
      regulationId: first.regulationId,
      firstError: `${first.path ? `${first.path}: ` : ''}${first.message} [${first.rule}]`,
      errors: errors.length,
    };
  });
  if (vocabularyBroken) {
    for (const loaded of input.regulations) {
      if (errorsByFile.has(loaded.file)) continue;
      broken.push({
        file: loaded.file,
        regulationId: loaded.regulation.id,
        firstError: 'the vocabulary (regulations/_vocabulary/) is invalid [vocabularyFile]',
        errors: 1,
      });
    }
  }
  return { runnable, broken };
}
