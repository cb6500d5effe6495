import "server-only";
/**
 * Pure rolling-window statistics over date-keyed values (no database: unit tested directly).
 * Windows are calendar days, so a missing night simply contributes nothing.
 */
import { addDays, eachDate } from "@/lib/dates";

export interface Band {
  mean: number;
  sd: number;
  low: number;
  high: number;
  count: number;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample standard deviation (n − 1); 0 for a single value. */
export function sampleSd(values: readonly number[]): number {
  const m = mean(values);
  if (m === null || values.length < 2) return 0;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1));
}

/** Values of the `days` calendar days ending `endOffset` days before `date` (inclusive window). */
function windowValues(values: ReadonlyMap<string, number>, date: string, days: number, endOffset: number): number[] {
  const end = addDays(date, -endOffset);
  return eachDate(addDays(end, -(days - 1)), end).flatMap((day) => {
    const value = values.get(day);
    return value === undefined ? [] : [value];
  });
}

/** Mean of the `days` calendar days ending on `date` (the date itself included). */
export function rollingMean(values: ReadonlyMap<string, number>, date: string, days = 30): number | null {
  return mean(windowValues(values, date, days, 0));
}

/**
 * Personal baseline for `date`: mean ± 1 SD of the `days` calendar days *before* it (the night
 * itself is not part of its own baseline). Null with fewer than `minCount` values.
 */
export function baselineBand(values: ReadonlyMap<string, number>, date: string, days = 30, minCount = 7): Band | null {
  const window = windowValues(values, date, days, 1);
  const m = mean(window);
  if (m === null || window.length < minCount) return null;
  const sd = sampleSd(window);
  return { mean: m, sd, low: m - sd, high: m + sd, count: window.length };
}
