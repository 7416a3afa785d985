import type { ChannelFlow } from '../ChannelFlow.js';
import { formatCitation } from '../Citation.js';
import type { DiagramLanguage } from '../labels.js';
import { actorLabels, answerLabels, channelLabels, questionLabels } from '../labels.js';
import type { RegulationDefinition } from '../RegulationDefinition.js';
import {
  escapeXml,
  geometry,
  layoutFlow,
  shorten,
  type FlowLayout,
  type PlacedStep,
} from './layout.js';
import { stepDurationText } from './step-text.js';

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ncName = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');

function taskKind(placed: PlacedStep): string {
  if (placed.step.actor === 'information_system') return 'bpmn:serviceTask';
  if (placed.step.actor === 'applicant') return 'bpmn:task';
  return 'bpmn:userTask';
}

function shape(id: string, element: string, b: Bounds, extra = ''): string {
  return `      <bpmndi:BPMNShape id="${id}_di" bpmnElement="${element}"${extra}>\n        <dc:Bounds x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" />\n      </bpmndi:BPMNShape>`;
}

function edge(id: string, points: [number, number][]): string {
  const waypoints = points.map(([x, y]) => `        <di:waypoint x="${x}" y="${y}" />`).join('\n');
  return `      <bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">\n${waypoints}\n      </bpmndi:BPMNEdge>`;
}

/** Renders one channel as a pool: process XML and its diagram interchange. */
function renderPool(
  flow: ChannelFlow,
  layout: FlowLayout,
  offsetY: number,
  language: DiagramLanguage,
) {
  const prefix = ncName(flow.channel);
  const processId = `Process_${prefix}`;
  const id = (stepId: string) => `${prefix}_${ncName(stepId)}`;
  const placedById = new Map(layout.steps.map((placed) => [placed.step.id, placed]));
  const elements: string[] = [];
  const flows: string[] = [];
  const shapes: string[] = [];
  const edges: string[] = [];
  const laneMembers = new Map<number, string[]>();
  const addToLane = (lane: number, element: string) =>
    laneMembers.set(lane, [...(laneMembers.get(lane) ?? []), element]);
  const box = (placed: PlacedStep): Bounds => ({
    x: placed.x,
    y: placed.y + offsetY,
    width: geometry.taskWidth,
    height: geometry.taskHeight,
  });
  const markerAt = (placed: PlacedStep): Bounds => ({
    x: placed.x + geometry.taskWidth + 12,
    y: placed.y + offsetY + (geometry.taskHeight - geometry.marker) / 2,
    width: geometry.marker,
    height: geometry.marker,
  });
  const documentation = new Map<string, string>();
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  const connect = (
    flowId: string,
    from: string,
    to: string,
    fromBounds: Bounds,
    toBounds: Bounds,
    name?: string,
  ) => {
    flows.push(
      `    <bpmn:sequenceFlow id="${flowId}" sourceRef="${from}" targetRef="${to}"${name ? ` name="${escapeXml(name)}"` : ''} />`,
    );
    outgoing.set(from, [...(outgoing.get(from) ?? []), flowId]);
    incoming.set(to, [...(incoming.get(to) ?? []), flowId]);
    const start: [number, number] = [
      fromBounds.x + fromBounds.width,
      fromBounds.y + fromBounds.height / 2,
    ];
    const end: [number, number] = [toBounds.x, toBounds.y + toBounds.height / 2];
    if (end[0] > start[0]) {
      const middle = (start[0] + end[0]) / 2;
      edges.push(edge(flowId, [start, [middle, start[1]], [middle, end[1]], end]));
    } else {
      const below = offsetY + layout.height - 8;
      edges.push(
        edge(flowId, [
          [fromBounds.x + fromBounds.width / 2, fromBounds.y + fromBounds.height],
          [fromBounds.x + fromBounds.width / 2, below],
          [toBounds.x + toBounds.width / 2, below],
          [toBounds.x + toBounds.width / 2, toBounds.y + toBounds.height],
        ]),
      );
    }
  };
  const start = placedById.get(flow.start);
  const startId = `${prefix}__start`;
  const startBounds: Bounds = {
    x: geometry.laneHeader + 4,
    y: (start?.y ?? 0) + offsetY + (geometry.taskHeight - geometry.marker) / 2,
    width: geometry.marker,
    height: geometry.marker,
  };
  if (start) {
    addToLane(start.lane, startId);
    shapes.push(shape(startId, startId, startBounds));
    connect(`${prefix}__flow_start`, startId, id(start.step.id), startBounds, box(start));
  }
  for (const placed of layout.steps) {
    const step = placed.step;
    const taskId = id(step.id);
    addToLane(placed.lane, taskId);
    shapes.push(shape(taskId, taskId, box(placed)));
    if (step.next) {
      const target = placedById.get(step.next);
      if (target)
        connect(
          `${taskId}__to__${ncName(step.next)}`,
          taskId,
          id(step.next),
          box(placed),
          box(target),
        );
    } else if (step.decide) {
      const gatewayId = `${taskId}__gateway`;
      addToLane(placed.lane, gatewayId);
      shapes.push(shape(gatewayId, gatewayId, markerAt(placed), ' isMarkerVisible="true"'));
      connect(`${taskId}__to__gateway`, taskId, gatewayId, box(placed), markerAt(placed));
      const answers = answerLabels[language];
      for (const [answer, targetId] of [
        [answers.yes, step.decide.ifYes],
        [answers.no, step.decide.ifNo],
      ] as const) {
        const target = placedById.get(targetId);
        if (target)
          connect(
            `${gatewayId}__${answer === answers.yes ? 'yes' : 'no'}`,
            gatewayId,
            id(targetId),
            markerAt(placed),
            box(target),
            answer,
          );
      }
      elements.push(
        `    <bpmn:exclusiveGateway id="${gatewayId}" name="${escapeXml(questionLabels[step.decide.question][language])}">${'{IO:' + gatewayId + '}'}</bpmn:exclusiveGateway>`,
      );
    } else if (step.end) {
      const endId = `${taskId}__end`;
      addToLane(placed.lane, endId);
      shapes.push(shape(endId, endId, markerAt(placed)));
      connect(`${taskId}__to__end`, taskId, endId, box(placed), markerAt(placed));
      elements.push(
        `    <bpmn:endEvent id="${endId}" name="${escapeXml(step.end)}">${'{IO:' + endId + '}'}</bpmn:endEvent>`,
      );
    }
    const name = `${shorten(step.description[language], 110)} (${stepDurationText(step, language)})`;
    elements.push(
      `    <${taskKind(placed)} id="${taskId}" name="${escapeXml(name)}">${'{IO:' + taskId + '}'}</${taskKind(placed)}>`,
    );
    documentation.set(
      taskId,
      `${formatCitation(step.source)}${step.quote ? `: «${step.quote}»` : ''}`,
    );
  }
  if (start)
    elements.unshift(
      `    <bpmn:startEvent id="${startId}">${'{IO:' + startId + '}'}</bpmn:startEvent>`,
    );
  const withIo = elements.map((element) =>
    element.replace(/\{IO:([^}]+)\}/, (_match, elementId: string) => {
      const text = documentation.get(elementId);
      const lines = [
        ...(text ? [`<bpmn:documentation>${escapeXml(text)}</bpmn:documentation>`] : []),
        ...(incoming.get(elementId) ?? []).map((f) => `<bpmn:incoming>${f}</bpmn:incoming>`),
        ...(outgoing.get(elementId) ?? []).map((f) => `<bpmn:outgoing>${f}</bpmn:outgoing>`),
      ];
      return lines.length ? `\n      ${lines.join('\n      ')}\n    ` : '';
    }),
  );
  const lanes = layout.lanes.map((actor, index) => {
    const laneId = `${prefix}_lane_${actor}`;
    shapes.unshift(
      shape(
        laneId,
        laneId,
        {
          x: geometry.laneHeader - 30 + 30,
          y: offsetY + index * geometry.laneHeight,
          width: layout.width - geometry.laneHeader,
          height: geometry.laneHeight,
        },
        ' isHorizontal="true"',
      ),
    );
    const refs = (laneMembers.get(index) ?? [])
      .map((member) => `        <bpmn:flowNodeRef>${member}</bpmn:flowNodeRef>`)
      .join('\n');
    return `      <bpmn:lane id="${laneId}" name="${escapeXml(actorLabels[actor][language])}">\n${refs}\n      </bpmn:lane>`;
  });
  const participantId = `Participant_${prefix}`;
  shapes.unshift(
    shape(
      participantId,
      participantId,
      {
        x: geometry.laneHeader - 30,
        y: offsetY,
        width: layout.width - geometry.laneHeader + 30,
        height: layout.height,
      },
      ' isHorizontal="true"',
    ),
  );
  const process = `  <bpmn:process id="${processId}" isExecutable="false">\n    <bpmn:laneSet id="${prefix}_lanes">\n${lanes.join('\n')}\n    </bpmn:laneSet>\n${withIo.join('\n')}\n${flows.join('\n')}\n  </bpmn:process>`;
  const participant = `    <bpmn:participant id="${participantId}" name="${escapeXml(channelLabels[flow.channel][language])}" processRef="${processId}" />`;
  return { process, participant, di: [...shapes, ...edges].join('\n') };
}

/**
 * The regulation as BPMN 2.0 XML: a collaboration with one pool per channel and one lane per
 * actor, tasks for steps, exclusive gateways for decisions, end events for final steps, and
 * diagram interchange (BPMNDI) so modelling tools can display it.
 */
export function renderBpmn(regulation: RegulationDefinition, language: DiagramLanguage): string {
  let offsetY = 0;
  const pools = regulation.channels.map((flow) => {
    const layout = layoutFlow(flow);
    const pool = renderPool(flow, layout, offsetY, language);
    offsetY += layout.height + 60;
    return pool;
  });
  const collaborationId = `Collaboration_${ncName(regulation.id)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions_${ncName(regulation.id)}" targetNamespace="https://qyzmet.kz/regulations/${escapeXml(regulation.id)}" exporter="qyzmet" exporterVersion="1">
  <bpmn:collaboration id="${collaborationId}" name="${escapeXml(regulation.name[language])}">
${pools.map((pool) => pool.participant).join('\n')}
  </bpmn:collaboration>
${pools.map((pool) => pool.process).join('\n')}
  <bpmndi:BPMNDiagram id="Diagram_${ncName(regulation.id)}">
    <bpmndi:BPMNPlane id="Plane_${ncName(regulation.id)}" bpmnElement="${collaborationId}">
${pools.map((pool) => pool.di).join('\n')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
