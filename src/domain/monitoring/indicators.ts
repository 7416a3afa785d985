import { channels, type Channel } from '../regulation/Channel.js';
import { Measure } from './contributions.js';
import { findSlot, type Slot } from './slot.js';

/** A summed count of the summary table: one measure (and detail) in one channel. */
export interface CountRow {
  readonly channel: string;
  readonly measure: string;
  readonly detail: string;
  readonly count: number;
}

/**
 * A count of one slot (step and role of one regulation version, `slot.ts`) in one channel: the
 * channel's flow names the step. `slot` is undefined when the detail names no step.
 */
export interface SlotCount {
  readonly detail: string;
  readonly channel: string;
  readonly slot: Slot | undefined;
  readonly count: number;
}

/** The three answers of each questionnaire question. */
export const questionnaireAnswers = ['satisfied', 'partially_satisfied', 'not_satisfied'] as const;
export type QuestionnaireAnswer = (typeof questionnaireAnswers)[number];

/** The quality indicators of one slice (region, district, provider or service, one period). */
export interface Indicators {
  readonly received: number;
  readonly completed: number;
  readonly completedOnTime: number;
  /** completedOnTime / completed in percent, one decimal; undefined when nothing completed. */
  readonly onTimePercent: number | undefined;
  readonly overdueNow: number;
  /** Term violations (нарушения сроков), each attributed to the step and role that held it. */
  readonly termViolations: number;
  readonly stepOverdue: number;
  readonly violationsBySlot: readonly SlotCount[];
  readonly stepOverdueBySlot: readonly SlotCount[];
  /** Nearest-rank median and 90th percentile of the working time used, percent of the term. */
  readonly durationMedianPercent: number | undefined;
  readonly durationP90Percent: number | undefined;
  readonly intakeRefusals: number;
  readonly intakeRefusalsByGround: readonly { ground: string; count: number }[];
  readonly reasonedRefusals: number;
  readonly reasonedRefusalsByGround: readonly { ground: string; count: number }[];
  readonly extensions: number;
  readonly suspensions: number;
  readonly appealsFiled: number;
  readonly appealsUpheld: number;
  readonly questionnaire: {
    readonly process: Readonly<Record<QuestionnaireAnswer, number>>;
    readonly information: Readonly<Record<QuestionnaireAnswer, number>>;
    readonly answered: number;
  };
  readonly receivedByChannel: Readonly<Record<Channel, number>>;
  /** Share of received applications made on the portal, percent with one decimal. */
  readonly electronicPercent: number | undefined;
}

/** Percent with one decimal (half up); undefined for an empty whole. */
export function percentOf(part: number, whole: number): number | undefined {
  if (whole <= 0) return undefined;
  return Math.round((part * 1000) / whole) / 10;
}

/**
 * The nearest-rank percentile (`fraction` in (0, 1]) of a histogram of integer values: the
 * smallest value whose cumulative count reaches ceil(fraction × total). Exact for the data.
 */
export function nearestRankPercentile(
  histogram: ReadonlyMap<number, number>,
  fraction: number,
): number | undefined {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total <= 0) return undefined;
  const rank = Math.max(1, Math.ceil(fraction * total));
  let cumulative = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    cumulative += histogram.get(value) ?? 0;
    if (cumulative >= rank) return value;
  }
  return undefined;
}

/** Folds summed counts (and the live overdue count) into the indicators. Pure. */
export function indicatorsOf(rows: readonly CountRow[], overdueNow: number): Indicators {
  const total = (measure: Measure) =>
    rows.filter((row) => row.measure === measure).reduce((sum, row) => sum + row.count, 0);
  const byDetail = (measure: Measure) => {
    const sums = new Map<string, number>();
    for (const row of rows) {
      if (row.measure === measure) sums.set(row.detail, (sums.get(row.detail) ?? 0) + row.count);
    }
    return [...sums].filter(([, count]) => count !== 0).sort(byCountThenName);
  };
  // By channel too: a step id is unique only within one flow, and the channel names the flow.
  const bySlot = (measure: Measure): SlotCount[] => {
    const sums = new Map<string, SlotCount>();
    for (const row of rows) {
      if (row.measure !== measure) continue;
      const key = `${row.channel}\u0000${row.detail}`;
      const found = sums.get(key);
      sums.set(key, {
        detail: row.detail,
        channel: row.channel,
        slot: found ? found.slot : findSlot(row.detail),
        count: (found?.count ?? 0) + row.count,
      });
    }
    return [...sums.values()]
      .filter((slot) => slot.count !== 0)
      .sort(
        (a, b) =>
          byCountThenName([a.detail, a.count], [b.detail, b.count]) ||
          (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0),
      );
  };
  const byGround = (measure: Measure) =>
    byDetail(measure).map(([ground, count]) => ({ ground, count }));
  const answers = (measure: Measure) => {
    const found = new Map(byDetail(measure));
    return Object.fromEntries(
      questionnaireAnswers.map((answer) => [answer, found.get(answer) ?? 0]),
    ) as Record<QuestionnaireAnswer, number>;
  };
  const histogram = new Map<number, number>();
  for (const [detail, count] of byDetail(Measure.durationShare))
    histogram.set(Number(detail), count);

  const received = total(Measure.received);
  const completed = total(Measure.completed);
  const completedOnTime = total(Measure.completedOnTime);
  const receivedByChannel = Object.fromEntries(
    channels.map((channel) => [
      channel,
      rows
        .filter((row) => row.measure === Measure.received && row.channel === channel)
        .reduce((sum, row) => sum + row.count, 0),
    ]),
  ) as Record<Channel, number>;
  const process = answers(Measure.questionnaireProcess);
  return {
    received,
    completed,
    completedOnTime,
    onTimePercent: percentOf(completedOnTime, completed),
    overdueNow,
    termViolations: total(Measure.termViolated),
    stepOverdue: total(Measure.stepOverdue),
    violationsBySlot: bySlot(Measure.termViolated),
    stepOverdueBySlot: bySlot(Measure.stepOverdue),
    durationMedianPercent: nearestRankPercentile(histogram, 0.5),
    durationP90Percent: nearestRankPercentile(histogram, 0.9),
    intakeRefusals: total(Measure.intakeRefused),
    intakeRefusalsByGround: byGround(Measure.intakeRefused),
    reasonedRefusals: total(Measure.reasonedRefusal),
    reasonedRefusalsByGround: byGround(Measure.reasonedRefusal),
    extensions: total(Measure.extended),
    suspensions: total(Measure.suspended),
    appealsFiled: total(Measure.appealed),
    appealsUpheld: total(Measure.appealUpheld),
    questionnaire: {
      process,
      information: answers(Measure.questionnaireInformation),
      answered: Object.values(process).reduce((sum, count) => sum + count, 0),
    },
    receivedByChannel,
    electronicPercent: percentOf(receivedByChannel.portal, received),
  };
}

/**
 * Satisfaction on the national five-point scale from the two questions' answers: satisfied 5,
 * partially 3, not satisfied 1, averaged over both questions' answers (two decimals).
 */
export function satisfactionScore(indicators: Indicators): number | undefined {
  const { process, information } = indicators.questionnaire;
  const points = { satisfied: 5, partially_satisfied: 3, not_satisfied: 1 } as const;
  let sum = 0;
  let count = 0;
  for (const answers of [process, information]) {
    for (const answer of questionnaireAnswers) {
      sum += points[answer] * answers[answer];
      count += answers[answer];
    }
  }
  return count === 0 ? undefined : Math.round((sum * 100) / count) / 100;
}

function byCountThenName(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}
