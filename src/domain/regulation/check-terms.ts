import type { ChannelFlow } from './ChannelFlow.js';
import { formatCitation } from './Citation.js';
import { minutesPerUnit } from './duration-arithmetic.js';
import type { Finding, LoadedRegulation } from './finding.js';
import { pathsToEnds } from './flow-graph.js';
import type { Step } from './Step.js';
import type { TotalTerm } from './TotalTerm.js';

/** The length of a path (or of a term) by kind of unit: kinds are never converted into each other. */
export interface PathLength {
  /** Minutes and hours, as minutes. */
  minutes: number;
  workingDays: number;
  calendarDays: number;
  months: number;
}

const dayUnits = new Set(['working_days', 'calendar_days', 'months']);

function add(length: PathLength, amount: number, unit: string): void {
  if (unit === 'minutes') length.minutes += amount;
  else if (unit === 'hours') length.minutes += amount * 60;
  else if (unit === 'working_days') length.workingDays += amount;
  else if (unit === 'calendar_days') length.calendarDays += amount;
  else if (unit === 'months') length.months += amount;
}

const zero = (): PathLength => ({ minutes: 0, workingDays: 0, calendarDays: 0, months: 0 });

/** The term as a length. */
export function termLength(term: Pick<TotalTerm, 'duration'>): PathLength {
  const length = zero();
  add(length, term.duration.amount, term.duration.unit);
  return length;
}

/**
 * What a path counts against a term. Steps in minutes or hours before the first step measured in
 * days happen on the day of acceptance: they do not count when that day does not
 * (`countsAcceptanceDay: false`); those after the last step in days happen on the day of issue and
 * do not count when that day does not (`countsIssueDay: false`). Everything else adds up by unit:
 * working days, calendar days, months and minutes are kept apart, so calendar days are compared
 * with calendar days.
 */
export function pathLength(
  path: readonly Step[],
  term: Pick<TotalTerm, 'countsAcceptanceDay' | 'countsIssueDay'>,
): PathLength {
  const isDay = (step: Step) => dayUnits.has(step.duration.unit ?? '');
  const first = path.findIndex(isDay);
  const last = path.findLastIndex(isDay);
  const length = zero();
  path.forEach((step, index) => {
    const { amount, unit } = step.duration;
    if (amount === undefined || unit === undefined) return;
    if (first >= 0 && !isDay(step)) {
      if (index < first && !term.countsAcceptanceDay) return;
      if (index > last && !term.countsIssueDay) return;
    }
    add(length, amount, unit);
  });
  return length;
}

/** Same length, unit by unit. */
export function sameLength(a: PathLength, b: PathLength): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) < 1e-9;
  return (
    close(a.minutes, b.minutes) &&
    close(a.workingDays, b.workingDays) &&
    close(a.calendarDays, b.calendarDays) &&
    close(a.months, b.months)
  );
}

/**
 * A rough single measure to say whether a path overruns a term whose units it does not share
 * (duration-arithmetic.ts: 8 working hours a day, a calendar day as one working day, a month as
 * 22 working days). Used only for "longer than", never for "equal".
 */
export function lengthInWorkingMinutes(length: PathLength): number {
  return (
    length.minutes +
    length.workingDays * minutesPerUnit.working_days +
    length.calendarDays * minutesPerUnit.calendar_days +
    length.months * minutesPerUnit.months
  );
}

/** "12 working days + 3 calendar days + 20 min". */
export function formatLength(length: PathLength): string {
  const parts: string[] = [];
  if (length.months) parts.push(`${length.months} months`);
  if (length.workingDays) parts.push(`${length.workingDays} working days`);
  if (length.calendarDays) parts.push(`${length.calendarDays} calendar days`);
  if (length.minutes) {
    const hours = Math.floor(length.minutes / 60);
    const minutes = length.minutes % 60;
    parts.push(
      [hours ? `${hours} h` : '', minutes ? `${minutes} min` : ''].filter(Boolean).join(' '),
    );
  }
  return parts.length > 0 ? parts.join(' + ') : 'no timed step';
}

const describePath = (path: readonly Step[]) => path.map((step) => step.id).join(' → ');

/**
 * Checks the term of a channel against every path of its step graph, from the start to each end
 * (the result, a reasoned refusal, a refused intake, a rejected request):
 * - `termIsNotSumOfSteps` (error): a `sum_of_steps` term differs from the length of a path to the
 *   result — unit by unit, so 12 working days and 3 calendar days are not 15 working days. A
 *   total that is rounded or borrowed is `stated` (with the words that state it) or `assumed`
 *   (with the defect that records why).
 * - `refusalPathExceedsTerm` (error): a path to a refusal or rejection is longer than the term
 *   and than every path to the result — the applicant would wait longer for a «no».
 * - `pathExceedsTerm`: a path is longer than the term. An error, unless the term names the
 *   recorded defect that explains it (`defect`): then a warning, so the contradiction of the
 *   text stays reported.
 * - `termDefectUnknown` (error): the term names a defect the definition does not record.
 */
export function checkTermAgainstPaths(loaded: LoadedRegulation, flow: ChannelFlow): Finding[] {
  const regulation = loaded.regulation;
  const term = regulation.terms.find((candidate) => candidate.channels.includes(flow.channel));
  if (!term) return [];
  const base = {
    file: loaded.file,
    regulationId: regulation.id,
    channel: flow.channel,
    citation: formatCitation(term.source),
  };
  const findings: Finding[] = [];
  const defect = term.defect
    ? regulation.defects.find((candidate) => candidate.id === term.defect)
    : undefined;
  if (term.defect && !defect) {
    findings.push({
      ...base,
      severity: 'error',
      rule: 'termDefectUnknown',
      message: `the term of ${flow.channel} names defect "${term.defect}", which is not in defects`,
    });
  }
  const limit = termLength(term);
  const limitMinutes = lengthInWorkingMinutes(limit);
  const termText = `${term.duration.amount} ${term.duration.unit} (${term.basis})`;
  const paths = pathsToEnds(flow).map((path) => {
    const length = pathLength(path, term);
    return { path, length, minutes: lengthInWorkingMinutes(length), end: path.at(-1)?.end };
  });
  const toResult = paths.filter((entry) => entry.end === 'result_issued');
  const longestResult = Math.max(0, ...toResult.map((entry) => entry.minutes));

  if (term.basis === 'sum_of_steps') {
    const differing = toResult.filter((entry) => !sameLength(entry.length, limit));
    const first = differing[0];
    if (first) {
      findings.push({
        ...base,
        severity: 'error',
        rule: 'termIsNotSumOfSteps',
        message: `the term ${termText} is not the sum of the steps: the path ${describePath(first.path)} takes ${formatLength(first.length)}${differing.length > 1 ? ` (${differing.length} of ${toResult.length} paths to the result differ)` : ''}; a rounded or borrowed total is "stated" with its quote or "assumed" with a recorded defect`,
      });
    }
  }

  const overruns = paths.filter((entry) => entry.minutes > limitMinutes + 1e-9);
  const refusalsBeyondResult = overruns.filter(
    (entry) => entry.end !== 'result_issued' && entry.minutes > longestResult + 1e-9,
  );
  const longestRefusal = refusalsBeyondResult.sort((a, b) => b.minutes - a.minutes)[0];
  if (longestRefusal) {
    findings.push({
      ...base,
      severity: 'error',
      rule: 'refusalPathExceedsTerm',
      message: `the path ${describePath(longestRefusal.path)} to "${longestRefusal.end}" takes ${formatLength(longestRefusal.length)}, longer than the term ${termText} and than every path to the result`,
    });
  }
  const longestOverrun = overruns
    .filter((entry) => !refusalsBeyondResult.includes(entry))
    .sort((a, b) => b.minutes - a.minutes)[0];
  if (longestOverrun) {
    findings.push({
      ...base,
      severity: defect ? 'warning' : 'error',
      rule: 'pathExceedsTerm',
      message: `the path ${describePath(longestOverrun.path)} to "${longestOverrun.end}" takes ${formatLength(longestOverrun.length)}, longer than the term ${termText}${overruns.length > 1 ? ` (${overruns.length} paths overrun it)` : ''}${defect ? ` — recorded as defect "${defect.id}": ${defect.resolution?.text ?? defect.description}` : ''}`,
    });
  }
  return findings;
}
