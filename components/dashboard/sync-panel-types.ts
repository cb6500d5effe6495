/**
 * The sync status panel's props, and the mapping from the sync engine's status view
 * (`getSyncStatus(userId)` in lib/sync/status.ts, also served as JSON by GET /api/sync/status).
 * Pure: used on the server for the first render and in the browser for polling.
 */
import type { SyncStatusView } from "@/lib/sync/status";

type Jsonish<T> = T extends Date ? string | Date : T extends (infer U)[] ? Jsonish<U>[] : T extends object ? { [K in keyof T]: Jsonish<T[K]> } : T;
/** SyncStatusView as it arrives over JSON (dates as strings) or straight from the server (Dates). */
export type SyncStatusPayload = Jsonish<SyncStatusView>;

export interface SyncPanelData {
  status: "not_connected" | "never" | "idle" | "queued" | "running" | "waiting_rate_limit" | "backing_off" | "error";
  phase: string | null;
  lastSyncCompletedAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  /** Per metric: days of history synced so far out of the target. */
  progress: { metric: string; label: string; done: number; total: number; complete: boolean; unavailable: string | null }[];
  /** Other notes from the sync (e.g. per-stage breathing rates not available). */
  notes: { metric: string; label: string; reason: string }[];
  foodLogDaysLeft: number;
  device: { name: string; battery: string; lastSyncAt: string | null } | null;
}

const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null);

export function toSyncPanelData(view: SyncStatusPayload): SyncPanelData {
  const never = view.status === "IDLE" && !view.lastSyncStartedAt && !view.lastSyncCompletedAt;
  const status: SyncPanelData["status"] = view.status === "NOT_CONNECTED" ? "not_connected" : never ? "never" : (view.status.toLowerCase() as SyncPanelData["status"]);
  const progressMetrics = new Set(view.metrics.map((metric) => metric.metric as string));
  return {
    status,
    phase: view.phase,
    lastSyncCompletedAt: iso(view.lastSyncCompletedAt),
    nextAttemptAt: iso(view.nextAttemptAt),
    lastError: view.lastError?.message ?? null,
    progress: view.metrics.map((metric) => ({
      metric: metric.metric,
      label: metric.label,
      done: metric.daysDone,
      total: metric.daysDone + metric.daysLeft,
      complete: metric.backfillDone || metric.daysLeft === 0,
      unavailable: metric.unavailable,
    })),
    notes: view.unavailable.filter((item) => !progressMetrics.has(item.metric)),
    foodLogDaysLeft: view.foodLogDaysLeft,
    device: view.lastDeviceSync ? { name: view.lastDeviceSync.device, battery: view.lastDeviceSync.battery, lastSyncAt: iso(view.lastDeviceSync.at) } : null,
  };
}
