/**
 * Google's sync plan: time windows per metric, newest first. The first window of every metric is
 * the last 30 days (the first chart: sleep ≤ 2 pages, one page for each other type, 7–8 requests
 * in all), then older history in larger windows. Within a window the fetch step follows
 * `nextPageToken` until it is absent — an empty page with a token is not the end — and the
 * window commits as a whole, so "replace what we had for these dates" stays true; the cursor
 * records the windows done (docs/decisions/0007-google-sync.md).
 */
import {
  afterBackfill,
  afterForward,
  describeProgress,
  nextBackfillChunk,
  nextForwardChunk,
  progressOfCursor,
  type RangeRules,
} from "@/lib/providers/day-ranges";
import type { ProviderSyncPlan, RangeMetric, SyncStep } from "@/lib/providers/types";

/** The first window of every metric: what the first charts show. */
export const RECENT_WINDOW_DAYS = 30;
/**
 * Older windows: the emulator and Google scan 30 (sleep) or 90 days per page, so a 90-day window
 * costs no more requests than a longer one, and each window commits as one short transaction
 * (a year of meals in one transaction outlived the 60-s transaction limit on a loaded machine).
 */
export const BACKFILL_WINDOW_DAYS: Record<RangeMetric, number> = {
  sleep: 90,
  hrv: 90,
  br: 90,
  nutrition: 90,
  hrvIntraday: 7,
};
const RECENT_ONLY: ReadonlySet<RangeMetric> = new Set(["hrvIntraday"]);
const METRICS: readonly RangeMetric[] = ["sleep", "hrv", "br", "nutrition", "hrvIntraday"];

const forwardRules = (metric: RangeMetric): RangeRules => ({
  maxDays: metric === "hrvIntraday" ? 7 : RECENT_WINDOW_DAYS,
  recentOnly: RECENT_ONLY.has(metric),
});
const backfillRules = (metric: RangeMetric): RangeRules => ({
  maxDays: BACKFILL_WINDOW_DAYS[metric],
  recentOnly: RECENT_ONLY.has(metric),
});

const step = (metric: RangeMetric, range: { start: string; end: string }, direction: SyncStep["direction"]): SyncStep => ({
  metric,
  range,
  direction,
  label: `${metric} ${range.start}..${range.end}`,
});

export const googlePlan: ProviderSyncPlan = {
  metrics: METRICS,
  recentOnly: RECENT_ONLY,
  nextForward(metric, cursor, ctx, previous) {
    const range = nextForwardChunk(forwardRules(metric), progressOfCursor(cursor), ctx.today, ctx.targetStart, previous?.range.end);
    return range ? step(metric, range, "forward") : null;
  },
  nextBackfill(metric, cursor, ctx) {
    const range = nextBackfillChunk(backfillRules(metric), progressOfCursor(cursor), ctx.targetStart);
    return range ? step(metric, range, "backfill") : null;
  },
  advance(cursor, done, result, ctx) {
    const progress = progressOfCursor(cursor);
    return done.direction === "forward"
      ? afterForward(progress, done.range, forwardRules(done.metric), ctx.targetStart)
      : afterBackfill(progress ?? { backfillDone: false }, done.range, ctx.targetStart, result.hadData);
  },
  describe: (cursor) => describeProgress(progressOfCursor(cursor)),
};
