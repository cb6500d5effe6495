/**
 * What every sync does, whatever the provider (docs/decisions/0003-sync-plan.md): how much
 * history, what "recent" means, and when a person's history is complete. How a provider walks
 * its history (date ranges, time windows and page tokens) is its own plan, behind
 * `HealthProvider.plan` in lib/providers.
 */
import { addDays } from "@/lib/providers/local-time";
import type { HealthProvider, RangeMetric } from "@/lib/providers/types";

export { RANGE_METRICS, type DayRange, type RangeMetric, type SyncMetric } from "@/lib/providers/types";

/** Per metric, the provider's cursor (opaque here; only the provider's plan reads it). */
export type SyncProgress = Partial<Record<RangeMetric, unknown>>;

/** Default history to backfill: about two years (what Fitbit keeps readily available). */
export const DEFAULT_HISTORY_DAYS = 730;

/**
 * Days a first sync backfills in this deployment: `SYNC_HISTORY_DAYS` (a whole number of days,
 * 1–3650) when set, else DEFAULT_HISTORY_DAYS. The worker and the status panel both use it, so
 * the panel's "n of m days" counts against the history the sync really fetches.
 */
export function configuredHistoryDays(value = process.env.SYNC_HISTORY_DAYS): number {
  const days = Number(value);
  return value && Number.isInteger(days) && days >= 1 && days <= 3650 ? days : DEFAULT_HISTORY_DAYS;
}
/** "Recent window" of the food logs fetched before older history. */
export const RECENT_DAYS = 30;

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

export function backfillComplete(
  provider: HealthProvider,
  progress: SyncProgress,
  unavailable: ReadonlySet<string>,
): boolean {
  return provider.plan.metrics.every(
    (m) =>
      unavailable.has(m) ||
      provider.plan.recentOnly.has(m) ||
      provider.plan.describe(progress[m]).backfillDone,
  );
}
