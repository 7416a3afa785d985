import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { Parser } from 'saxen';
import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../../storage/regulation-files.js';
import { actorLabels } from '../labels.js';
import { renderBpmn } from './bpmn.js';
import { processTableRows, renderProcessTable } from './process-table.js';
import { stepDurationText } from './step-text.js';
import { renderSvg } from './svg.js';

const loaded = loadRegulations();
const regulations = loaded.regulations.map((entry) => entry.regulation);
/** The declared legal sources: every task's documentation starts with the citation of one. */
const sources = (loaded.vocabulary?.vocabulary.sources ?? []).map((source) => source.id);
const ids = regulations.map((regulation) => regulation.id);

/** Parses XML strictly: every tag closed in order; returns the opened elements with attributes. */
function parseXml(xml: string): { name: string; attributes: Record<string, string> }[] {
  const opened: { name: string; attributes: Record<string, string> }[] = [];
  const stack: string[] = [];
  const errors: string[] = [];
  new Parser()
    .on('openTag', (name, getAttributes) => {
      opened.push({ name, attributes: getAttributes() });
      stack.push(name); // saxen also emits closeTag for self-closing tags
    })
    .on('closeTag', (name) => {
      const open = stack.pop();
      if (open !== name) errors.push(`</${name}> closes <${open ?? 'nothing'}>`);
    })
    .on('error', (error) => errors.push(error.message))
    .parse(xml);
  if (stack.length) errors.push(`unclosed: ${stack.join(', ')}`);
  expect(errors).toEqual([]);
  return opened;
}

describe.each(ids)('diagrams of %s', (id) => {
  const regulation = regulations.find((candidate) => candidate.id === id)!;

  it('BPMN parses with bpmn-moddle: one pool per channel, one lane per actor, every step a task', async () => {
    const xml = renderBpmn(regulation, 'ru');
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    expect(warnings.map((warning) => warning.message)).toEqual([]);
    const roots = rootElement.rootElements as ModdleElement[];
    const collaboration = roots.find((element) => element.$type === 'bpmn:Collaboration')!;
    expect((collaboration.participants as ModdleElement[]).length).toBe(regulation.channels.length);
    const processes = roots.filter((element) => element.$type === 'bpmn:Process');
    expect(processes).toHaveLength(regulation.channels.length);
    for (const flow of regulation.channels) {
      const process = processes.find((candidate) => candidate.id === `Process_${flow.channel}`)!;
      const lanes = (process.laneSets as ModdleElement[])[0]!.lanes as ModdleElement[];
      const actors = [...new Set(flow.steps.map((step) => step.actor))];
      expect(lanes.map((lane) => lane.name).sort()).toEqual(
        actors.map((actor) => actorLabels[actor].ru).sort(),
      );
      const nodes = process.flowElements as ModdleElement[];
      const tasks = nodes.filter((node) => /Task$|^bpmn:Task$/.test(node.$type));
      expect(tasks).toHaveLength(flow.steps.length);
      for (const task of tasks) {
        const documentation = (task.documentation as ModdleElement[] | undefined)?.[0]?.text;
        expect(sources).toContain(String(documentation).split(',')[0]);
      }
      expect(nodes.filter((node) => node.$type === 'bpmn:ExclusiveGateway')).toHaveLength(
        flow.steps.filter((step) => step.decide).length,
      );
      expect(nodes.filter((node) => node.$type === 'bpmn:EndEvent')).toHaveLength(
        flow.steps.filter((step) => step.end).length,
      );
      const inLanes = lanes.flatMap(
        (lane) => (lane.flowNodeRef as ModdleElement[] | undefined) ?? [],
      ).length;
      expect(inLanes).toBe(nodes.filter((node) => node.$type !== 'bpmn:SequenceFlow').length);
    }
    const diagram = (rootElement.diagrams as ModdleElement[])[0]!;
    const plane = diagram.plane as ModdleElement;
    expect((plane.planeElement as ModdleElement[]).length).toBeGreaterThan(
      regulation.channels.length * 4,
    );
  });

  it.each(['kk', 'ru'] as const)(
    'SVG (%s) is well-formed XML with a lane per actor and a box per step',
    (language) => {
      const svg = renderSvg(regulation, language);
      const elements = parseXml(svg);
      expect(elements[0]?.name).toBe('svg');
      for (const flow of regulation.channels) {
        const actors = new Set(flow.steps.map((step) => step.actor));
        for (const actor of actors)
          expect(svg).toContain(actorLabels[actor][language].split(' ')[0]);
      }
      const lanes = elements.filter(
        (element) => element.name === 'g' && element.attributes.class === 'lane',
      );
      expect(lanes).toHaveLength(
        regulation.channels.reduce(
          (sum, flow) => sum + new Set(flow.steps.map((step) => step.actor)).size,
          0,
        ),
      );
      const boxes = elements.filter(
        (element) => element.name === 'g' && element.attributes.class === 'step',
      );
      expect(boxes).toHaveLength(
        regulation.channels.reduce((sum, flow) => sum + flow.steps.length, 0),
      );
    },
  );

  it('the business-process table matches the steps', () => {
    const markdown = renderProcessTable(regulation, 'ru');
    for (const flow of regulation.channels) {
      const rows = processTableRows(flow, 'ru');
      expect(rows.map((row) => row.stepId).sort()).toEqual(
        flow.steps.map((step) => step.id).sort(),
      );
      expect(rows[0]?.stepId).toBe(flow.start);
      for (const row of rows) {
        const step = flow.steps.find((candidate) => candidate.id === row.stepId)!;
        expect(row.actor).toBe(actorLabels[step.actor].ru);
        expect(row.duration).toBe(stepDurationText(step, 'ru'));
        expect(row.result).toBe(step.result.ru);
        if (step.next) expect(row.next).toContain(`(${step.next})`);
        expect(markdown).toContain(`| ${row.number} | ${row.actor} |`);
      }
    }
  });
});
