/** The middle and the spread of a list of day counts. */
export type Spread = {
  n: number;
  median: number;
  /** The quartiles: half of the values lie between p25 and p75. */
  p25: number;
  p75: number;
  min: number;
  max: number;
};

/**
 * Quantile by linear interpolation between the closest ranks (as spreadsheets' PERCENTILE and
 * numpy's default do), so every figure can be checked by hand: for [3, 5, 10, 20] the median
 * is 7.5, p25 is 4.5 and p75 is 12.5.
 */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Null for no values. */
export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** part / whole, or null when there is nothing to divide by. */
export const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
