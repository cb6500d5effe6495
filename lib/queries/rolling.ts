import "server-only";
/**
 * Pure rolling-window statistics over date-keyed values (no database: unit tested directly).
 * Windows are calendar days, so a missing night simply contributes nothing.
 */
import { dateToMs, msToDate } from "@/lib/dates";

const DAY_MS = 86_400_000;

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

/**
 * Values of the `days` calendar days ending `endOffset` days before `date` (inclusive window),
 * oldest first. A plain loop: it runs for every day of a range and each of its series.
 */
function windowValues(values: ReadonlyMap<string, number>, date: string, days: number, endOffset: number): number[] {
  const end = dateToMs(date) - endOffset * DAY_MS;
  const out: number[] = [];
  for (let ms = end - (days - 1) * DAY_MS; ms <= end; ms += DAY_MS) {
    const value = values.get(msToDate(ms));
    if (value !== undefined) out.push(value);
  }
  return out;
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
