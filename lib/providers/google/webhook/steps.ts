/**
 * What a Google Health notification makes Nightly read again: the metric its data type feeds
 * and the person's local dates it touches, as ordinary sync steps (lib/providers/google/sync/
 * fetch.ts reads them with the same filters as the scheduled sync). A sleep notification covers
 * the night's wake date (the filter is on the end), a sample type the dates its samples fall on.
 */
import { addDays, daysBetween, localDateOf, type PersonZone } from "@/lib/providers/local-time";
import type { PushChange, PushInterval, RangeMetric, SyncStep } from "@/lib/providers/types";
import { BACKFILL_WINDOW_DAYS } from "../sync/plan";

/** Google data type (kebab-case, as in paths and notifications) → the metric Nightly keeps it as. */
export const PUSHED_TYPES: Readonly<Record<string, RangeMetric>> = {
  sleep: "sleep",
  "daily-heart-rate-variability": "hrv",
  "heart-rate-variability": "hrvIntraday",
  "respiratory-rate-sleep-summary": "br",
  "daily-respiratory-rate": "br",
  "nutrition-log": "nutrition",
  "hydration-log": "nutrition",
};

/** The local dates an interval touches: its civil times when sent, else its instants in the person's zone. */
function datesOf(interval: PushInterval, zone: PersonZone): { start: string; end: string } | null {
  const start = interval.civilStart?.slice(0, 10) ?? (interval.start ? localDateOf(Date.parse(interval.start), zone) : null);
  const end = interval.civilEnd?.slice(0, 10) ?? (interval.end ? localDateOf(Date.parse(interval.end), zone) : null);
  if (!start || !end) return null;
  return start <= end ? { start, end } : { start: end, end: start };
}

export function googlePushSteps(change: PushChange, zone: PersonZone): SyncStep[] {
  const metric = PUSHED_TYPES[change.dataType];
  if (!metric) return [];
  const ranges = change.intervals.map((i) => datesOf(i, zone)).filter((r) => r !== null);
  if (ranges.length === 0) return [];
  // One read for the whole span (notifications name one night or a few minutes), in windows no
  // larger than the scheduled sync's, so a notification covering years (a deletion) stays bounded.
  const start = ranges.reduce((min, r) => (r.start < min ? r.start : min), ranges[0]!.start);
  const end = ranges.reduce((max, r) => (r.end > max ? r.end : max), ranges[0]!.end);
  const window = BACKFILL_WINDOW_DAYS[metric];
  const steps: SyncStep[] = [];
  for (let from = start; daysBetween(from, end) >= 0; from = addDays(from, window)) {
    const to = daysBetween(addDays(from, window - 1), end) >= 0 ? addDays(from, window - 1) : end;
    steps.push({ metric, range: { start: from, end: to }, direction: "forward", label: `push ${metric} ${from}..${to}` });
  }
  return steps;
}
