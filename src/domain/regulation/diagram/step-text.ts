import { formatDuration } from '../duration-arithmetic.js';
import type { DiagramLanguage } from '../labels.js';
import type { Step } from '../Step.js';

/** The duration of a step for a diagram or table: "15 мин", "до 30 календ. дн. (от 15)", "—". */
export function stepDurationText(step: Step, language: DiagramLanguage): string {
  const { amount, unit, minimum, extendableTo } = step.duration;
  if (amount === undefined || unit === undefined) return '—';
  const main = formatDuration({ amount, unit }, language);
  const range = minimum !== undefined ? `${minimum}–${main}` : main;
  if (!extendableTo) return range;
  const up = language === 'kk' ? 'ұзарту' : 'продление до';
  return `${range} (${up} ${formatDuration(extendableTo, language)})`;
}
