import type { ChannelFlow } from './ChannelFlow.js';
import { formatCitation } from './Citation.js';
import type { CheckContext, Finding, LoadedRegulation } from './finding.js';
import { reachableFrom } from './flow-graph.js';
import { findStalledSteps } from './step-completers.js';

/**
 * Errors for the reachable steps of a flow that nobody completes — no staff role, applicant,
 * submission, system answer (registry lookup, known fact), job or register — which would leave
 * an application stuck with no command offered (issue 14, point 3).
 */
export function checkStepsAreCompleted(loaded: LoadedRegulation, flow: ChannelFlow): Finding[] {
  const reachable = reachableFrom(flow);
  return findStalledSteps(flow)
    .filter(({ step }) => reachable.has(step.id))
    .map(({ step, reason }) => ({
      severity: 'error' as const,
      file: loaded.file,
      regulationId: loaded.regulation.id,
      channel: flow.channel,
      step: step.id,
      rule: 'nobodyCompletesStep',
      message: `nobody can complete step "${step.id}" (${step.actor} ${step.action}): ${reason}`,
      citation: formatCitation(step.source),
    }));
}

/**
 * Errors for lookups that name a registry adapter the gateway does not have, a fact it does not
 * answer, or a subject it cannot be asked about.
 */
export function checkRegistryLookups(
  loaded: LoadedRegulation,
  flow: ChannelFlow,
  context: CheckContext,
): Finding[] {
  const findings: Finding[] = [];
  const known = [...context.registries.keys()].join(', ') || 'none';
  for (const step of flow.steps) {
    (step.lookup ?? []).forEach((query, index) => {
      const base = {
        severity: 'error' as const,
        file: loaded.file,
        regulationId: loaded.regulation.id,
        channel: flow.channel,
        step: step.id,
        path: `lookup[${index}]`,
        citation: formatCitation(step.source),
      };
      const adapter = context.registries.get(query.registry);
      if (!adapter) {
        findings.push({
          ...base,
          rule: 'unknownRegistryAdapter',
          message: `no registry adapter "${query.registry}" is registered in the gateway (registered: ${known})`,
        });
        return;
      }
      for (const fact of query.facts) {
        if (!adapter.facts.includes(fact)) {
          findings.push({
            ...base,
            rule: 'unknownRegistryFact',
            message: `registry "${query.registry}" does not answer "${fact}" (it answers: ${adapter.facts.join(', ')})`,
          });
        }
      }
      if (!adapter.subjects.includes(query.subject)) {
        findings.push({
          ...base,
          rule: 'registrySubjectNotSupported',
          message: `registry "${query.registry}" cannot be asked about the ${query.subject} (only: ${adapter.subjects.join(', ')})`,
        });
      }
    });
  }
  return findings;
}
