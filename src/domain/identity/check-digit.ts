/**
 * The control digit of a 12-digit IIN (ЖСН) or BIN (БСН): the 12th digit, computed
 * from the first 11. Rules of the Ministry of Finance / the national identification
 * numbers register:
 *   1. sum(d[i] × w1[i]) with weights 1,2,…,11, modulo 11;
 *   2. when that gives 10, sum(d[i] × w2[i]) with weights 3,4,5,6,7,8,9,10,11,1,2, modulo 11;
 *   3. when that gives 10 again, the number is not used (no valid control digit exists).
 */
const firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

/**
 * The control digit for the first 11 digits, or undefined when both weight
 * sequences give 10 (such a prefix can never form a valid number).
 * `digits` must hold at least 11 decimal digits; only the first 11 are read.
 */
export function computeCheckDigit(digits: readonly number[]): number | undefined {
  const weighted = (weights: readonly number[]) =>
    weights.reduce((sum, weight, index) => sum + weight * (digits[index] ?? 0), 0) % 11;
  const first = weighted(firstWeights);
  if (first !== 10) return first;
  const second = weighted(secondWeights);
  return second === 10 ? undefined : second;
}

/** The digits of a string of decimal digits. */
export function toDigits(value: string): number[] {
  return Array.from(value, (character) => character.charCodeAt(0) - 48);
}
