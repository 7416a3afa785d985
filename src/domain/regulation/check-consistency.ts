import type { ApplicationField } from './ApplicationField.js';
import type { ChannelFlow } from './ChannelFlow.js';
import { formatCitation } from './Citation.js';
import { toWorkingMinutes } from './duration-arithmetic.js';
import type { Finding, LoadedRegulation } from './finding.js';

/** The decision steps ("принятие решения") compared across channels. */
const decisionActions = new Set(['review', 'draft_result', 'commission_decision']);

/** Warns when the same decision has different durations in different channels. */
export function checkDecisionTermsAcrossChannels(loaded: LoadedRegulation): Finding[] {
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

/** Warns when an electronic-only result is carried on paper. */
export function checkResultForms(loaded: LoadedRegulation): Finding[] {
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

/**
 * Kinds of defect that are contradictions inside the text (two places, two channels or two
 * languages that disagree). A resolution chooses a reading, but the text still contradicts
 * itself, so these are reported even when resolved.
 */
export const contradictionKinds: ReadonlySet<string> = new Set([
  'term_mismatch',
  'channel_term_inconsistency',
  'result_form_mismatch',
  'field_format_inconsistency',
  'copy_paste_error',
  'wrong_cross_reference',
  'language_discrepancy',
  'wrong_date',
]);

/**
 * Reports unresolved or remaining source defects, resolved defects that are still
 * contradictions of the text (`contradictionKinds`), and effective dates that are estimated or
 * assumed rather than stated.
 */
export function checkDefectsAndDates(loaded: LoadedRegulation): Finding[] {
  const { regulation, file } = loaded;
  const findings: Finding[] = [];
  for (const defect of regulation.defects) {
    if (defect.resolution && !defect.remains && !contradictionKinds.has(defect.kind)) continue;
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
  if (regulation.effectiveDates.basis === 'estimated') {
    findings.push({
      severity: 'warning',
      file,
      regulationId: regulation.id,
      path: 'effectiveFrom',
      rule: 'estimatedEffectiveDates',
      message: `effective dates are computed, not stated (${regulation.effectiveFrom} → ${regulation.effectiveTo ?? 'open'}): ${regulation.effectiveDates.note}`,
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

/** Warns when one field id has different formats across services. */
export function checkFieldConsistency(regulations: readonly LoadedRegulation[]): Finding[] {
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
