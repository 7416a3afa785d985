import type { ChannelFlow } from '../ChannelFlow.js';
import type { DiagramLanguage } from '../labels.js';
import { actorLabels, answerLabels, channelLabels, questionLabels } from '../labels.js';
import type { RegulationDefinition } from '../RegulationDefinition.js';
import { escapeXml, geometry, layoutFlow, wrap, type PlacedStep } from './layout.js';
import { stepDurationText } from './step-text.js';

const poolTitle = 34;
const poolGap = 40;

/** Lines of text, centred at (x, y) of the first line. */
function textLines(lines: string[], x: number, y: number, className: string): string {
  return `<text class="${className}" x="${x}" y="${y}">${lines
    .map((line, index) => `<tspan x="${x}" dy="${index === 0 ? 0 : 13}">${escapeXml(line)}</tspan>`)
    .join('')}</text>`;
}

function arrow(
  from: [number, number],
  to: [number, number],
  below: number,
  label?: string,
  verticalFirst = false,
): string {
  let path: string;
  let labelAt: [number, number];
  if (verticalFirst && to[0] > from[0]) {
    path = `M${from[0]},${from[1]} V${to[1]} H${to[0]}`;
    labelAt = [from[0] + 4, from[1] + 12];
  } else if (to[0] > from[0]) {
    const middle = (from[0] + to[0]) / 2;
    path = `M${from[0]},${from[1]} H${middle} V${to[1]} H${to[0]}`;
    labelAt = [from[0] + 6, from[1] - 5];
  } else {
    path = `M${from[0]},${from[1]} V${below} H${to[0]} V${to[1]}`;
    labelAt = [from[0] + 4, below - 4];
  }
  const text = label
    ? `<text class="answer" x="${labelAt[0]}" y="${labelAt[1]}">${escapeXml(label)}</text>`
    : '';
  return `<path class="flow" d="${path}" marker-end="url(#arrow)"/>${text}`;
}

function renderPool(
  flow: ChannelFlow,
  top: number,
  language: DiagramLanguage,
): { svg: string; height: number; width: number } {
  const layout = layoutFlow(flow);
  const lanesTop = top + poolTitle;
  const parts: string[] = [`<g class="pool" data-channel="${flow.channel}">`];
  parts.push(
    `<text class="pool-title" x="10" y="${top + 22}">${escapeXml(channelLabels[flow.channel][language])}</text>`,
  );
  layout.lanes.forEach((actor, index) => {
    const y = lanesTop + index * geometry.laneHeight;
    parts.push(
      `<g class="lane" data-actor="${actor}"><rect class="lane" x="0" y="${y}" width="${layout.width}" height="${geometry.laneHeight}"/>` +
        `<rect class="lane-header" x="0" y="${y}" width="${geometry.laneHeader}" height="${geometry.laneHeight}"/>` +
        textLines(wrap(actorLabels[actor][language], 20, 4), 8, y + 24, 'lane-label') +
        '</g>',
    );
  });
  const placed = new Map(layout.steps.map((entry) => [entry.step.id, entry]));
  const box = (entry: PlacedStep) => ({ x: entry.x, y: entry.y + lanesTop });
  const below = lanesTop + layout.height - 6;
  const markerCentre = (entry: PlacedStep): [number, number] => [
    entry.x + geometry.taskWidth + 12 + geometry.marker / 2,
    entry.y + lanesTop + geometry.taskHeight / 2,
  ];
  const left = (entry: PlacedStep): [number, number] => [
    entry.x,
    entry.y + lanesTop + geometry.taskHeight / 2,
  ];
  const start = placed.get(flow.start);
  if (start) {
    const centre: [number, number] = [
      geometry.laneHeader + 20,
      start.y + lanesTop + geometry.taskHeight / 2,
    ];
    parts.push(
      `<circle class="start" cx="${centre[0]}" cy="${centre[1]}" r="12"/>`,
      arrow([centre[0] + 12, centre[1]], left(start), below),
    );
  }
  for (const entry of layout.steps) {
    const { step } = entry;
    const { x, y } = box(entry);
    const right: [number, number] = [x + geometry.taskWidth, y + geometry.taskHeight / 2];
    parts.push(
      `<g class="step" data-step="${escapeXml(step.id)}"><rect class="task" x="${x}" y="${y}" width="${geometry.taskWidth}" height="${geometry.taskHeight}" rx="8"/>` +
        textLines(wrap(step.description[language], 23, 4), x + 6, y + 15, 'task-label') +
        `<text class="duration" x="${x + 6}" y="${y + geometry.taskHeight - 6}">${escapeXml(stepDurationText(step, language))}</text></g>`,
    );
    if (step.next) {
      const target = placed.get(step.next);
      if (target) parts.push(arrow(right, left(target), below));
    } else if (step.decide) {
      const [cx, cy] = markerCentre(entry);
      const h = geometry.marker / 2;
      parts.push(
        arrow(right, [cx - h, cy], below),
        `<polygon class="gateway" points="${cx},${cy - h} ${cx + h},${cy} ${cx},${cy + h} ${cx - h},${cy}"><title>${escapeXml(questionLabels[step.decide.question][language])}</title></polygon>`,
        `<text class="question" x="${cx - 40}" y="${cy - h - 4}">${escapeXml(questionLabels[step.decide.question][language])}</text>`,
      );
      const answers = answerLabels[language];
      const yes = placed.get(step.decide.ifYes);
      const no = placed.get(step.decide.ifNo);
      if (yes) parts.push(arrow([cx + h, cy], left(yes), below, answers.yes));
      if (no) parts.push(arrow([cx, cy + h], left(no), below, answers.no, true));
    } else if (step.end) {
      const [cx, cy] = markerCentre(entry);
      parts.push(
        arrow(right, [cx - 14, cy], below),
        `<circle class="end" cx="${cx}" cy="${cy}" r="14"><title>${escapeXml(step.end)}</title></circle>`,
      );
    }
  }
  parts.push('</g>');
  return { svg: parts.join('\n'), height: poolTitle + layout.height, width: layout.width };
}

/**
 * The regulation as a standalone SVG (no browser needed): one pool per channel, a lane per actor
 * with its kk or ru name, a box per step with its wording and duration, diamonds for decisions
 * with "yes/no" arrows, circles for start and end.
 */
export function renderSvg(regulation: RegulationDefinition, language: DiagramLanguage): string {
  let top = 40;
  const pools: string[] = [];
  let width = 600;
  for (const flow of regulation.channels) {
    const pool = renderPool(flow, top, language);
    pools.push(pool.svg);
    top += pool.height + poolGap;
    width = Math.max(width, pool.width);
  }
  const style = `
    text { font-family: 'DejaVu Sans', Arial, sans-serif; fill: #1a1a1a; }
    .title { font-size: 16px; font-weight: bold; }
    .pool-title { font-size: 14px; font-weight: bold; }
    rect.lane { fill: #ffffff; stroke: #7a869a; }
    rect.lane-header { fill: #eef2f7; stroke: #7a869a; }
    .lane-label { font-size: 11px; font-weight: bold; }
    rect.task { fill: #fdfdf6; stroke: #33475b; stroke-width: 1.2; }
    .task-label { font-size: 10px; }
    .duration { font-size: 10px; font-weight: bold; fill: #a03000; }
    .flow { fill: none; stroke: #33475b; stroke-width: 1.2; }
    .gateway { fill: #fff6d6; stroke: #8a6d00; }
    .question, .answer { font-size: 10px; fill: #5a4a00; }
    circle.start { fill: #e8f7e8; stroke: #2e7d32; stroke-width: 2; }
    circle.end { fill: #fbe9e7; stroke: #b71c1c; stroke-width: 3; }`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top}" viewBox="0 0 ${width} ${top}" lang="${language}">
<title>${escapeXml(regulation.name[language])}</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#33475b"/></marker>
<style>${style}
</style></defs>
<rect x="0" y="0" width="${width}" height="${top}" fill="#ffffff"/>
<text class="title" x="10" y="24">${escapeXml(regulation.name[language])} (${escapeXml(regulation.id)})</text>
${pools.join('\n')}
</svg>
`;
}
