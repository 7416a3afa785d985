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

/**
 * Prints a measure; `ratio` is derived so it cannot disagree with the numbers. A measure whose
 * load had failed requests (`errors` > 0: a refusal, a 429, a 5xx) measured something else than
 * it names: it is marked `invalid` and the benchmark exits non-zero, so `npm run bench` says so.
 */
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
  if (typeof measure.errors === 'number' && measure.errors > 0) {
    line.invalid = `${measure.errors} requests failed`;
    process.exitCode = 1;
  }
  console.log(JSON.stringify(line));
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
