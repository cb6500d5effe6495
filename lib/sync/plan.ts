/**
 * What a sync fetches, in which order and in which chunks. Pure: the engine asks these helpers
 * for the next chunk given the persisted progress, so a killed sync resumes exactly where the
 * last committed chunk left off.
 *
 * Request budget (why each metric is fetched the way it is):
 *  - every range endpoint is asked for its *largest allowed* range (sleep 100 days, HRV and BR
 *    30, nutrition series 1095), so a year costs 4 + 13 + 13 + 2 requests instead of ~1,460;
 *  - the first chunk of each metric ends today (newest first): the dashboard's recent charts are
 *    complete after about 7 requests ("time to first chart"), then older history follows;
 *  - HRV intraday (5-minute readings) only for the last 7 nights, in one range request;
 *  - food logs (macros, meals) one request per day, and only for days the caloriesIn series says
 *    have food logged: the per-day endpoint is the expensive part for people who log every meal;
 *  - devices once per sync run (battery, last device sync).
 */
import { addDays, daysBetween } from "./normalize/local-time";

export type RangeMetric = "sleep" | "hrv" | "br" | "nutrition" | "hrvIntraday";
export type SyncMetric = RangeMetric | "foodLogs" | "devices";
export const RANGE_METRICS: readonly RangeMetric[] = [
  "sleep",
  "hrv",
  "br",
  "nutrition",
  "hrvIntraday",
];

/** Largest range (days) each endpoint accepts (reference §5, §6, §7, §9.3). */
export const MAX_RANGE_DAYS: Record<RangeMetric, number> = {
  sleep: 100,
  hrv: 30,
  br: 30,
  nutrition: 1095,
  hrvIntraday: 7,
};
/** Metrics that only keep a recent window (never backfilled). */
const RECENT_ONLY: ReadonlySet<RangeMetric> = new Set(["hrvIntraday"]);

/** Default history to backfill: about two years (what Fitbit keeps readily available). */
export const DEFAULT_HISTORY_DAYS = 730;
/** "Recent window" of the food logs fetched before older history. */
export const RECENT_DAYS = 30;
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
export type SyncProgress = Partial<Record<RangeMetric, MetricProgress>>;

export interface DayRange {
  start: string;
  end: string;
}

export function targetStartDate(
  today: string,
  historyDays: number,
  memberSince: string | null,
): string {
  const start = addDays(today, -(historyDays - 1));
  return memberSince && /^\d{4}-\d{2}-\d{2}$/.test(memberSince) && memberSince > start
    ? memberSince
    : start;
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

/**
 * The next chunk bringing a metric up to today: the largest range ending today on first sync,
 * else from `newestSynced - LOOKBACK_DAYS` forwards. Null when the metric is up to date for this
 * run (`forwardDoneThrough` is the newest date already fetched in this run).
 */
export function nextForwardChunk(
  metric: RangeMetric,
  progress: MetricProgress | undefined,
  today: string,
  targetStart: string,
  forwardDoneThrough: string | undefined,
): DayRange | null {
  if (forwardDoneThrough !== undefined && forwardDoneThrough >= today) return null;
  const max = MAX_RANGE_DAYS[metric];
  if (!progress?.newestSynced)
    return { start: maxDay(targetStart, addDays(today, -(max - 1))), end: today };
  const resumeFrom = forwardDoneThrough
    ? addDays(forwardDoneThrough, 1)
    : addDays(progress.newestSynced, -LOOKBACK_DAYS);
  // Never reach further back than one range before today for recent-only metrics.
  const floor = RECENT_ONLY.has(metric) ? addDays(today, -(max - 1)) : targetStart;
  const start = maxDay(floor, resumeFrom);
  if (start > today) return null;
  return { start, end: minDay(today, addDays(start, max - 1)) };
}

/** The next older chunk (largest range ending the day before `oldestSynced`), or null when done. */
export function nextBackfillChunk(
  metric: RangeMetric,
  progress: MetricProgress | undefined,
  targetStart: string,
): DayRange | null {
  if (RECENT_ONLY.has(metric) || !progress?.oldestSynced || progress.backfillDone) return null;
  if (progress.oldestSynced <= targetStart) return null;
  const end = addDays(progress.oldestSynced, -1);
  return { start: maxDay(targetStart, addDays(end, -(MAX_RANGE_DAYS[metric] - 1))), end };
}

/** Progress after a forward chunk committed. */
export function afterForward(
  progress: MetricProgress | undefined,
  chunk: DayRange,
  metric: RangeMetric,
  targetStart: string,
): MetricProgress {
  const newest =
    progress?.newestSynced && progress.newestSynced > chunk.end ? progress.newestSynced : chunk.end;
  const oldest =
    progress?.oldestSynced && progress.oldestSynced < chunk.start
      ? progress.oldestSynced
      : chunk.start;
  const backfillDone =
    (progress?.backfillDone ?? false) || RECENT_ONLY.has(metric) || oldest <= targetStart;
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

export function backfillComplete(
  progress: SyncProgress,
  unavailable: ReadonlySet<string>,
): boolean {
  return RANGE_METRICS.every(
    (m) => unavailable.has(m) || RECENT_ONLY.has(m) || progress[m]?.backfillDone === true,
  );
}
