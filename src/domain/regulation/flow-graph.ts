import type { ChannelFlow } from './ChannelFlow.js';
import type { Step } from './Step.js';

/** The ids a step can continue at. */
export function successors(step: Step): string[] {
  if (step.next) return [step.next];
  if (step.decide) return [step.decide.ifYes, step.decide.ifNo];
  return [];
}

/** Looks a step up by id; undefined when absent. */
export function findStep(flow: ChannelFlow, id: string): Step | undefined {
  return flow.steps.find((step) => step.id === id);
}

/** Ids of the steps reachable from the flow's start (including it). */
export function reachableFrom(flow: ChannelFlow, startId = flow.start): Set<string> {
  const seen = new Set<string>();
  const stack = [startId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    const step = findStep(flow, id);
    if (!step) continue;
    seen.add(id);
    stack.push(...successors(step));
  }
  return seen;
}

/** Ids of the steps from which some final step can be reached. */
export function stepsThatCanFinish(flow: ChannelFlow): Set<string> {
  const finishing = new Set(flow.steps.filter((step) => step.end).map((step) => step.id));
  let changed = true;
  while (changed) {
    changed = false;
    for (const step of flow.steps) {
      if (!finishing.has(step.id) && successors(step).some((id) => finishing.has(id))) {
        finishing.add(step.id);
        changed = true;
      }
    }
  }
  return finishing;
}

/**
 * Every simple path (no step twice) from the start to a final step, in order. The flows of the
 * regulations are small (tens of steps), so enumerating them is cheap.
 */
export function pathsToEnds(flow: ChannelFlow): Step[][] {
  const paths: Step[][] = [];
  const walk = (step: Step, path: Step[], visited: Set<string>): void => {
    const current = [...path, step];
    if (step.end) {
      paths.push(current);
      return;
    }
    for (const id of successors(step)) {
      const nextStep = findStep(flow, id);
      if (nextStep && !visited.has(id)) walk(nextStep, current, new Set([...visited, id]));
    }
  };
  const start = findStep(flow, flow.start);
  if (start) walk(start, [], new Set([start.id]));
  return paths;
}

/**
 * Steps where an executor acts although no assign_executor step lies on some path before them
 * (the digest: "an executor acting before being assigned").
 */
export function executorStepsBeforeAssignment(flow: ChannelFlow): Step[] {
  const offending = new Map<string, Step>();
  const seen = new Set<string>();
  const stack: [string, boolean][] = [[flow.start, false]];
  while (stack.length > 0) {
    const [id, assigned] = stack.pop() as [string, boolean];
    const key = `${id}:${assigned}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const step = findStep(flow, id);
    if (!step) continue;
    if (step.actor === 'executor' && !assigned) offending.set(step.id, step);
    const nowAssigned = assigned || step.action === 'assign_executor';
    for (const next of successors(step)) stack.push([next, nowAssigned]);
  }
  return [...offending.values()];
}
