/**
 * Fitbit's sync plan: date-range cursors (newest/oldest synced date per metric).
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
import {
  afterBackfill,
  afterForward,
  describeProgress,
  nextBackfillChunk,
  nextForwardChunk,
  progressOfCursor,
  type MetricProgress,
  type RangeRules,
} from "@/lib/providers/day-ranges";
import type { ProviderSyncPlan, RangeMetric, SyncStep } from "@/lib/providers/types";

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
const METRICS: readonly RangeMetric[] = ["sleep", "hrv", "br", "nutrition", "hrvIntraday"];

const rulesOf = (metric: RangeMetric): RangeRules => ({
  maxDays: MAX_RANGE_DAYS[metric],
  recentOnly: RECENT_ONLY.has(metric),
});

const step = (metric: RangeMetric, range: { start: string; end: string }, direction: SyncStep["direction"]): SyncStep => ({
  metric,
  range,
  direction,
  label: `${metric} ${range.start}..${range.end}`,
});

export const fitbitPlan: ProviderSyncPlan = {
  metrics: METRICS,
  recentOnly: RECENT_ONLY,
  nextForward(metric, cursor, ctx, previous) {
    const range = nextForwardChunk(rulesOf(metric), progressOfCursor(cursor), ctx.today, ctx.targetStart, previous?.range.end);
    return range ? step(metric, range, "forward") : null;
  },
  nextBackfill(metric, cursor, ctx) {
    const range = nextBackfillChunk(rulesOf(metric), progressOfCursor(cursor), ctx.targetStart);
    return range ? step(metric, range, "backfill") : null;
  },
  advance(cursor, done, result, ctx): MetricProgress {
    const progress = progressOfCursor(cursor);
    return done.direction === "forward"
      ? afterForward(progress, done.range, rulesOf(done.metric), ctx.targetStart)
      : afterBackfill(progress ?? { backfillDone: false }, done.range, ctx.targetStart, result.hadData);
  },
  describe: (cursor) => describeProgress(progressOfCursor(cursor)),
};
