import type { ChannelFlow } from './ChannelFlow.js';
import {
  checkDecisionTermsAcrossChannels,
  checkDefectsAndDates,
  checkFieldConsistency,
  checkResultForms,
  checkTermAgainstSteps,
} from './check-consistency.js';
import { formatCitation } from './Citation.js';
import { checkRegistryLookups, checkStepsAreCompleted } from './check-completion.js';
import type { CheckContext, CheckInput, Finding, LoadedRegulation } from './finding.js';
import { executorStepsBeforeAssignment, reachableFrom, stepsThatCanFinish } from './flow-graph.js';

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

/**
 * Checks every definition and the set as a whole. Pure: takes parsed definitions, returns findings.
 * Structural problems (parse failures, unreachable steps, dead ends, executors acting before
 * assignment, steps nobody completes, lookups of registries or facts the gateway does not have,
 * overlapping versions) are errors; consistency findings and the source defects that the
 * definitions' resolutions did not remove are warnings. `context` says what the gateway's
 * registry adapters answer.
 */
export function checkRegulations(input: CheckInput, context: CheckContext): Finding[] {
  const findings: Finding[] = [];
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
  for (const loaded of input.regulations) {
    for (const flow of loaded.regulation.channels) {
      findings.push(
        ...checkFlowStructure(loaded, flow),
        ...checkStepsAreCompleted(loaded, flow),
        ...checkRegistryLookups(loaded, flow, context),
        ...checkTermAgainstSteps(loaded, flow),
      );
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
  );
  return mergeRecordedDefects(findings, input.regulations);
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
