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
