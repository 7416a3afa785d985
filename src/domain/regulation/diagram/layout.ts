import type { ActorRole } from '../../shared/roles.js';
import { actorRoles } from '../../shared/roles.js';
import type { ChannelFlow } from '../ChannelFlow.js';
import { findStep, successors } from '../flow-graph.js';
import type { Step } from '../Step.js';

/** Geometry shared by the BPMN DI and the SVG renderer. */
export const geometry = {
  laneHeader: 150,
  laneHeight: 120,
  column: 200,
  taskWidth: 150,
  taskHeight: 84,
  marker: 36,
  left: 40,
} as const;

/** A step placed on the grid: its lane (actor) and its column. */
export interface PlacedStep {
  step: Step;
  lane: number;
  column: number;
  x: number;
  y: number;
}

/** A flow laid out in lanes: the actors in ActorRole order and the steps in depth-first order. */
export interface FlowLayout {
  lanes: ActorRole[];
  steps: PlacedStep[];
  width: number;
  height: number;
}

/**
 * Orders the steps depth-first from the start, the "yes" branch before the "no" branch, so the
 * main path reads left to right; steps unreachable from the start come last.
 */
export function orderSteps(flow: ChannelFlow): Step[] {
  const ordered: Step[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    const step = findStep(flow, id);
    if (!step) return;
    seen.add(id);
    ordered.push(step);
    for (const next of successors(step)) visit(next);
  };
  visit(flow.start);
  for (const step of flow.steps) if (!seen.has(step.id)) ordered.push(step);
  return ordered;
}

/** Places each step in its actor's lane and in its own column. */
export function layoutFlow(flow: ChannelFlow): FlowLayout {
  const ordered = orderSteps(flow);
  const present = new Set(ordered.map((step) => step.actor));
  const lanes = actorRoles.filter((role) => present.has(role));
  const steps = ordered.map((step, column) => {
    const lane = lanes.indexOf(step.actor);
    return {
      step,
      lane,
      column,
      x: geometry.laneHeader + geometry.left + column * geometry.column,
      y: lane * geometry.laneHeight + (geometry.laneHeight - geometry.taskHeight) / 2,
    };
  });
  return {
    lanes,
    steps,
    width: geometry.laneHeader + geometry.left * 2 + ordered.length * geometry.column,
    height: lanes.length * geometry.laneHeight,
  };
}

/** Shortens a text to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Splits a text into lines of at most `width` characters (at most `lines` lines). */
export function wrap(text: string, width: number, lines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const result: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && current.length + 1 + word.length > width) {
      result.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) result.push(current);
  if (result.length <= lines) return result;
  const kept = result.slice(0, lines);
  kept[lines - 1] = shorten(`${kept[lines - 1] ?? ''} ${result[lines] ?? ''}`, width);
  return kept;
}

/** Escapes a text for XML attributes and content. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
