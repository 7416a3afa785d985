/** One measure of a benchmark, printed as one JSON line by `npm run bench`. */
export interface Measure {
  bench: string;
  value: number;
  unit: string;
  /** The same quantity measured for the baseline in the same run. */
  baseline: number;
  /** value / baseline. */
  ratio: number;
  [extra: string]: unknown;
}

/** Prints a measure; `ratio` is derived so it cannot disagree with the numbers. */
export function report(
  measure: { bench: string; value: number; unit: string; baseline: number } & Record<
    string,
    unknown
  >,
): void {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const line: Measure = {
    ...measure,
    value: round(measure.value),
    baseline: round(measure.baseline),
    ratio: round(measure.value / measure.baseline),
  };
  console.log(JSON.stringify(line));
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
