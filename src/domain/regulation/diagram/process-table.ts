import type { ChannelFlow } from '../ChannelFlow.js';
import type { DiagramLanguage } from '../labels.js';
import { actorLabels, answerLabels, channelLabels, questionLabels } from '../labels.js';
import type { RegulationDefinition } from '../RegulationDefinition.js';
import type { Step } from '../Step.js';
import { orderSteps } from './layout.js';
import { stepDurationText } from './step-text.js';

/** One row of the business-process reference table ("справочник бизнес-процессов"). */
export interface ProcessTableRow {
  number: number;
  stepId: string;
  actor: string;
  action: string;
  duration: string;
  result: string;
  next: string;
}

const endWords = {
  kk: {
    result_issued: 'аяқталу: нәтиже берілді',
    reasoned_refusal_issued: 'аяқталу: дәлелді бас тарту',
    intake_refused: 'аяқталу: қабылдаудан бас тарту',
    request_rejected: 'аяқталу: сұрау салу қабылданбады',
  },
  ru: {
    result_issued: 'завершение: результат выдан',
    reasoned_refusal_issued: 'завершение: мотивированный отказ',
    intake_refused: 'завершение: отказ в приеме',
    request_rejected: 'завершение: запрос отклонен',
  },
} as const;

function nextText(step: Step, numbers: Map<string, number>, language: DiagramLanguage): string {
  const ref = (id: string) => `${numbers.get(id) ?? '?'} (${id})`;
  if (step.next) return ref(step.next);
  if (step.decide) {
    const answers = answerLabels[language];
    return `${questionLabels[step.decide.question][language]} ${answers.yes} → ${ref(step.decide.ifYes)}; ${answers.no} → ${ref(step.decide.ifNo)}`;
  }
  return step.end ? endWords[language][step.end] : '';
}

/** The rows of one channel's table, numbered in reading order (depth-first from the start). */
export function processTableRows(flow: ChannelFlow, language: DiagramLanguage): ProcessTableRow[] {
  const ordered = orderSteps(flow);
  const numbers = new Map(ordered.map((step, index) => [step.id, index + 1]));
  return ordered.map((step, index) => ({
    number: index + 1,
    stepId: step.id,
    actor: actorLabels[step.actor][language],
    action: step.description[language],
    duration: stepDurationText(step, language),
    result: step.result[language],
    next: nextText(step, numbers, language),
  }));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The business-process reference table of a regulation as Markdown: one table per channel with
 * actor, action, duration, result and next step.
 */
export function renderProcessTable(
  regulation: RegulationDefinition,
  language: DiagramLanguage,
): string {
  const headers =
    language === 'kk'
      ? ['№', 'ҚФБ', 'Іс-әрекет', 'Ұзақтығы', 'Нәтижесі', 'Келесі']
      : ['№', 'СФЕ', 'Действие', 'Срок', 'Результат', 'Следующее'];
  const title =
    language === 'kk' ? 'Бизнес-үдерістердің анықтамалығы' : 'Справочник бизнес-процессов';
  const parts = [`# ${title}: ${regulation.name[language]}`, '', `\`${regulation.id}\``, ''];
  for (const flow of regulation.channels) {
    parts.push(`## ${channelLabels[flow.channel][language]}`, '');
    parts.push(`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`);
    for (const row of processTableRows(flow, language)) {
      parts.push(
        `| ${[String(row.number), row.actor, row.action, row.duration, row.result, row.next].map(cell).join(' | ')} |`,
      );
    }
    parts.push('');
  }
  return parts.join('\n');
}
