import type { ApplicationField } from './ApplicationField.js';
import type { ChannelFlow } from './ChannelFlow.js';
import { formatCitation } from './Citation.js';
import type { RegulationIssue } from './define-regulation.js';
import { formatWorkingMinutes, toWorkingMinutes } from './duration-arithmetic.js';
import {
  executorStepsBeforeAssignment,
  pathsToEnds,
  reachableFrom,
  stepsThatCanFinish,
} from './flow-graph.js';
import type { RegulationDefinition } from './RegulationDefinition.js';

/** error: the definition cannot be executed as written; warning: a consistency finding. */
export type FindingSeverity = 'error' | 'warning';

/** One finding of the checker; always names the file, the rule and (where there is one) the step. */
export interface Finding {
  severity: FindingSeverity;
  file: string;
  regulationId?: string;
  channel?: string;
  step?: string;
  /** Where the definition is wrong (parse errors) or the field concerned. */
  path?: string;
  rule: string;
  message: string;
  /** The source text the finding is about: "seed 001, point 6, item 8". */
  citation?: string;
}

/** A loaded definition with the file it came from. */
export interface LoadedRegulation {
  file: string;
  regulation: RegulationDefinition;
}

/** The input of the checker: parsed definitions and the files that failed to parse. */
export interface CheckInput {
  regulations: readonly LoadedRegulation[];
  parseFailures: readonly { file: string; issues: readonly RegulationIssue[] }[];
}

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

function checkTermAgainstSteps(loaded: LoadedRegulation, flow: ChannelFlow): Finding[] {
  const regulation = loaded.regulation;
  const term = regulation.terms.find((candidate) => candidate.channels.includes(flow.channel));
  if (!term || term.basis !== 'stated') return [];
  const issuing = pathsToEnds(flow).filter((path) => path.at(-1)?.end === 'result_issued');
  if (issuing.length === 0) return [];
  // When the day of acceptance is not counted, steps in minutes before the first step measured in
  // days happen on that day and do not count against the term.
  const counted = (path: (typeof issuing)[number]) => {
    if (term.countsAcceptanceDay) return path;
    const firstDay = path.findIndex((step) => step.duration.unit?.endsWith('days'));
    return path.filter(
      (step, index) => firstDay < 0 || index >= firstDay || step.duration.unit !== 'minutes',
    );
  };
  const sums = issuing.map((path) =>
    counted(path).reduce(
      (total, step) =>
        step.duration.amount !== undefined && step.duration.unit !== undefined
          ? total + toWorkingMinutes({ amount: step.duration.amount, unit: step.duration.unit })
          : total,
      0,
    ),
  );
  const untimed = Math.max(
    ...issuing.map((path) => path.filter((step) => step.duration.none).length),
  );
  const longest = Math.max(...sums);
  const limit = toWorkingMinutes(term.duration);
  if (longest === limit) return [];
  const verb = longest > limit ? 'exceeds' : 'does not reach';
  return [
    {
      severity: 'warning',
      file: loaded.file,
      regulationId: regulation.id,
      channel: flow.channel,
      rule: 'stepSumVersusTerm',
      message: `the longest path to the result takes ${formatWorkingMinutes(longest)}, which ${verb} the total term of ${term.duration.amount} ${term.duration.unit} (${formatWorkingMinutes(limit)}; 1 day counted as 8 working hours${untimed ? `; ${untimed} step(s) on the path have no duration` : ''})`,
      citation: formatCitation(term.source),
    },
  ];
}

/** The decision steps ("принятие решения") compared across channels. */
const decisionActions = new Set(['review', 'draft_result', 'commission_decision']);

function checkDecisionTermsAcrossChannels(loaded: LoadedRegulation): Finding[] {
  const byKey = new Map<
    string,
    { flow: ChannelFlow; stepId: string; text: string; minutes: number; citation: string }[]
  >();
  for (const flow of loaded.regulation.channels) {
    for (const step of flow.steps) {
      if (
        !decisionActions.has(step.action) ||
        step.duration.amount === undefined ||
        !step.duration.unit
      )
        continue;
      const key = `${step.actor}/${step.action}`;
      const list = byKey.get(key) ?? [];
      list.push({
        flow,
        stepId: step.id,
        text: `${step.duration.amount} ${step.duration.unit}`,
        minutes: toWorkingMinutes({ amount: step.duration.amount, unit: step.duration.unit }),
        citation: formatCitation(step.source),
      });
      byKey.set(key, list);
    }
  }
  const findings: Finding[] = [];
  for (const [key, list] of byKey) {
    const distinct = new Set(list.map((entry) => entry.minutes));
    if (distinct.size < 2) continue;
    const first = list[0];
    if (!first) continue;
    findings.push({
      severity: 'warning',
      file: loaded.file,
      regulationId: loaded.regulation.id,
      channel: first.flow.channel,
      step: first.stepId,
      rule: 'sameDecisionDifferentTerms',
      message: `the same decision (${key}) has different terms per channel: ${list
        .map((entry) => `${entry.flow.channel}/${entry.stepId} ${entry.text}`)
        .join('; ')}`,
      citation: list.map((entry) => entry.citation).join(' | '),
    });
  }
  return findings;
}

function checkResultForms(loaded: LoadedRegulation): Finding[] {
  const findings: Finding[] = [];
  for (const flow of loaded.regulation.channels) {
    const signIndex = flow.steps.findIndex((step) => step.action === 'sign_result');
    if (signIndex < 0) continue;
    const carried = flow.steps
      .slice(signIndex + 1)
      .find(
        (step) => step.action === 'courier_transfer' || step.action === 'deliver_to_front_office',
      );
    if (!carried) continue;
    const electronicOnly = loaded.regulation.results.filter(
      (result) =>
        result.kind === 'result' &&
        (!result.channels || result.channels.includes(flow.channel)) &&
        !result.forms.includes('paper'),
    );
    for (const result of electronicOnly) {
      findings.push({
        severity: 'warning',
        file: loaded.file,
        regulationId: loaded.regulation.id,
        channel: flow.channel,
        step: carried.id,
        rule: 'resultFormMismatch',
        message: `result "${result.id}" is electronic only, but step "${carried.id}" carries it on paper`,
        citation: formatCitation(result.source),
      });
    }
  }
  return findings;
}

function checkDefectsAndDates(loaded: LoadedRegulation): Finding[] {
  const { regulation, file } = loaded;
  const findings: Finding[] = [];
  for (const defect of regulation.defects) {
    if (defect.resolution && !defect.remains) continue;
    const flow = regulation.channels.find((candidate) =>
      candidate.steps.some((step) => step.resolves?.includes(defect.id)),
    );
    const step = flow?.steps.find((candidate) => candidate.resolves?.includes(defect.id));
    findings.push({
      severity: 'warning',
      file,
      regulationId: regulation.id,
      ...(flow && step ? { channel: flow.channel, step: step.id } : {}),
      path: `defects[${defect.id}]`,
      rule: `sourceDefect.${defect.kind}`,
      message: `${defect.description}${defect.resolution ? ` — resolution: ${defect.resolution.text}` : ' — not resolved'}`,
      citation: formatCitation(defect.citation),
    });
  }
  if (regulation.effectiveDates.basis === 'assumed') {
    findings.push({
      severity: 'warning',
      file,
      regulationId: regulation.id,
      path: 'effectiveFrom',
      rule: 'assumedEffectiveDates',
      message: `effective dates are not in the source: ${regulation.effectiveDates.note}`,
    });
  }
  return findings;
}

function describeFormat(field: ApplicationField): string {
  const length = field.length?.exact
    ? `=${field.length.exact}`
    : field.length?.max
      ? `≤${field.length.max}`
      : '';
  return `${field.required ? 'required' : 'optional'} ${field.format}${length}`;
}

function checkFieldConsistency(regulations: readonly LoadedRegulation[]): Finding[] {
  const byId = new Map<string, { loaded: LoadedRegulation; field: ApplicationField }[]>();
  for (const loaded of regulations) {
    for (const field of loaded.regulation.fields) {
      const list = byId.get(field.id) ?? [];
      list.push({ loaded, field });
      byId.set(field.id, list);
    }
  }
  const findings: Finding[] = [];
  for (const [id, list] of byId) {
    const formats = (entry: { field: ApplicationField }) =>
      `${entry.field.required}/${entry.field.format}/${entry.field.length?.exact ?? ''}/${entry.field.length?.max ?? ''}`;
    const distinctFormats = new Set(list.map(formats));
    if (distinctFormats.size < 2) continue;
    const first = list[0];
    if (!first) continue;
    findings.push({
      severity: 'warning',
      file: first.loaded.file,
      regulationId: first.loaded.regulation.id,
      path: `fields[${id}]`,
      rule: 'inconsistentFieldFormat',
      message: `field "${id}" has different formats across services: ${list
        .map((entry) => `${entry.loaded.regulation.id}: ${describeFormat(entry.field)}`)
        .join('; ')}`,
      citation: list.map((entry) => formatCitation(entry.field.source)).join(' | '),
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
 * assignment, overlapping versions) are errors; consistency findings and the source defects that
 * the definitions' resolutions did not remove are warnings.
 */
export function checkRegulations(input: CheckInput): Finding[] {
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
      findings.push(...checkFlowStructure(loaded, flow), ...checkTermAgainstSteps(loaded, flow));
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
