/**
 * Small order statistics shared by server queries and client charts: median and interquartile
 * range (robust to the odd short night), and how a value sits against a personal baseline.
 */

/** Linear-interpolated quantile (type 7, as R and NumPy default) of unsorted values; null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export interface Spread {
  median: number;
  p25: number;
  p75: number;
  count: number;
}

/** Median and interquartile range; null when there are no values. */
export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  return { median: quantile(values, 0.5)!, p25: quantile(values, 0.25)!, p75: quantile(values, 0.75)!, count: values.length };
}

export type Direction = "above" | "within" | "below";

/** Where a value sits against a baseline's interquartile range ("your usual range"). */
export function directionOf(value: number, baseline: Spread): Direction {
  if (value > baseline.p75) return "above";
  if (value < baseline.p25) return "below";
  return "within";
}
