/**
 * Walking a metric's history in date ranges, newest first: the cursor arithmetic shared by
 * providers whose endpoints take date ranges. Pure, so a killed sync resumes exactly where the
 * last committed range left off. Each provider decides the largest range per endpoint.
 */
import { z } from "zod";
import { addDays, daysBetween } from "./local-time";
import type { DayRange } from "./types";

/** Incremental syncs re-fetch this many days before the newest synced date, so a night that
 * ended (or a meal logged) after the last sync is never missed. */
export const LOOKBACK_DAYS = 3;
/** Backfill of a metric stops after this many consecutive days without data. */
export const EMPTY_STRETCH_DAYS = 365;

export interface MetricProgress {
  newestSynced?: string;
  oldestSynced?: string;
  backfillDone: boolean;
  /** Consecutive days without data met while backfilling (newest to oldest). */
  emptyDays?: number;
  /** The oldest date this metric is being backfilled to (for the status panel). */
  targetStart?: string;
}

/** Reading a stored cursor back, tolerating anything an older version wrote. */
const metricProgressSchema = z.looseObject({
  newestSynced: z.string().optional(),
  oldestSynced: z.string().optional(),
  backfillDone: z.boolean().default(false),
  emptyDays: z.number().optional(),
  targetStart: z.string().optional(),
});

export function progressOfCursor(value: unknown): MetricProgress | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = metricProgressSchema.safeParse(value);
  return parsed.success ? parsed.data : { backfillDone: false };
}

export interface RangeRules {
  /** Largest range (days) the endpoint accepts. */
  maxDays: number;
  /** Kept only for one range before today (never backfilled). */
  recentOnly: boolean;
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

/**
 * The next chunk bringing a metric up to today: the largest range ending today on first sync,
 * else from `newestSynced - LOOKBACK_DAYS` forwards. Null when the metric is up to date for this
 * run (`forwardDoneThrough` is the newest date already fetched in this run).
 */
export function nextForwardChunk(
  rules: RangeRules,
  progress: MetricProgress | undefined,
  today: string,
  targetStart: string,
  forwardDoneThrough: string | undefined,
): DayRange | null {
  if (forwardDoneThrough !== undefined && forwardDoneThrough >= today) return null;
  const max = rules.maxDays;
  if (!progress?.newestSynced)
    return { start: maxDay(targetStart, addDays(today, -(max - 1))), end: today };
  const resumeFrom = forwardDoneThrough
    ? addDays(forwardDoneThrough, 1)
    : addDays(progress.newestSynced, -LOOKBACK_DAYS);
  // Never reach further back than one range before today for recent-only metrics.
  const floor = rules.recentOnly ? addDays(today, -(max - 1)) : targetStart;
  const start = maxDay(floor, resumeFrom);
  if (start > today) return null;
  return { start, end: minDay(today, addDays(start, max - 1)) };
}

/** The next older chunk (largest range ending the day before `oldestSynced`), or null when done. */
export function nextBackfillChunk(
  rules: RangeRules,
  progress: MetricProgress | undefined,
  targetStart: string,
): DayRange | null {
  if (rules.recentOnly || !progress?.oldestSynced || progress.backfillDone) return null;
  if (progress.oldestSynced <= targetStart) return null;
  const end = addDays(progress.oldestSynced, -1);
  return { start: maxDay(targetStart, addDays(end, -(rules.maxDays - 1))), end };
}

/** Progress after a forward chunk committed. */
export function afterForward(
  progress: MetricProgress | undefined,
  chunk: DayRange,
  rules: RangeRules,
  targetStart: string,
): MetricProgress {
  const newest =
    progress?.newestSynced && progress.newestSynced > chunk.end ? progress.newestSynced : chunk.end;
  const oldest =
    progress?.oldestSynced && progress.oldestSynced < chunk.start
      ? progress.oldestSynced
      : chunk.start;
  const backfillDone =
    (progress?.backfillDone ?? false) || rules.recentOnly || oldest <= targetStart;
  return { ...progress, newestSynced: newest, oldestSynced: oldest, backfillDone, targetStart };
}

/** Progress after a backfill chunk committed; `hadData` feeds the empty-stretch stop. */
export function afterBackfill(
  progress: MetricProgress,
  chunk: DayRange,
  targetStart: string,
  hadData: boolean,
): MetricProgress {
  const emptyDays = hadData
    ? 0
    : (progress.emptyDays ?? 0) + daysBetween(chunk.start, chunk.end) + 1;
  const done = chunk.start <= targetStart || emptyDays >= EMPTY_STRETCH_DAYS;
  return { ...progress, oldestSynced: chunk.start, emptyDays, backfillDone: done, targetStart };
}

export function describeProgress(progress: MetricProgress | undefined) {
  return {
    oldestSynced: progress?.oldestSynced ?? null,
    newestSynced: progress?.newestSynced ?? null,
    targetStart: progress?.targetStart ?? null,
    backfillDone: progress?.backfillDone ?? false,
  };
}
