/**
 * A reporting period: a day, a month, a quarter or a year, written as in the URL
 * (`2026-11-05`, `2026-11`, `2026-Q4`, `2026`). Days are local dates of the provider's zone.
 */
/**
 * The grains of the summary table: a period is answered by the rows of its own kind (a quarter
 * by its one quarter row per slice, not by three months), so a read sums as few rows as the slice
 * has combinations whatever the period's length.
 */
export type Grain = 'day' | 'month' | 'quarter' | 'year';

export interface Period {
  readonly kind: 'day' | 'month' | 'quarter' | 'year';
  /** As written: the canonical text. */
  readonly text: string;
  /** The summary grain that answers it: the period's own kind. */
  readonly grain: Grain;
  /** First day (inclusive) and the day after the last (exclusive), YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
}

const pad = (value: number) => String(value).padStart(2, '0');
const isYear = (year: number) => year >= 2000 && year <= 2100;

/** The period of a text, or undefined when it is none of the four forms (or out of 2000–2100). */
export function findPeriod(text: string): Period | undefined {
  let match = /^(\d{4})$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    if (!isYear(year)) return undefined;
    return { kind: 'year', text, grain: 'year', from: `${year}-01-01`, to: `${year + 1}-01-01` };
  }
  match = /^(\d{4})-Q([1-4])$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    if (!isYear(year)) return undefined;
    const first = (quarter - 1) * 3 + 1;
    const to = quarter === 4 ? `${year + 1}-01-01` : `${year}-${pad(first + 3)}-01`;
    return { kind: 'quarter', text, grain: 'quarter', from: `${year}-${pad(first)}-01`, to };
  }
  match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (!isYear(year) || month < 1 || month > 12) return undefined;
    const to = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
    return { kind: 'month', text, grain: 'month', from: `${year}-${pad(month)}-01`, to };
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    const date = new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3])));
    if (!isYear(year) || date.toISOString().slice(0, 10) !== text) return undefined;
    const next = new Date(date.getTime() + 86_400_000).toISOString().slice(0, 10);
    return { kind: 'day', text, grain: 'day', from: text, to: next };
  }
  return undefined;
}

/** The quarter (YYYY-Qn) that contains a local date YYYY-MM-DD. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The first day of the month of a local date: the month grain's key. */
export function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The period starts a local date YYYY-MM-DD counts in, one per grain: the job's keys. */
export function periodStartsOf(day: string): readonly (readonly [Grain, string])[] {
  const month = Number(day.slice(5, 7));
  const quarterMonth = String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0');
  return [
    ['day', day],
    ['month', monthStartOf(day)],
    ['quarter', `${day.slice(0, 4)}-${quarterMonth}-01`],
    ['year', `${day.slice(0, 4)}-01-01`],
  ];
}
