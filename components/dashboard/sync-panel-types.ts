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
  /** How to name the person's provider and its quota window; null when nothing is connected. */
  provider: { name: string; quotaWindow: string } | null;
  status: "not_connected" | "never" | "idle" | "queued" | "running" | "waiting_rate_limit" | "backing_off" | "interrupted" | "error";
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
  /** Why the connection cannot sync (retired by Fitbit, needs re-consent), in plain words. */
  connectionProblem: string | null;
  /** Problems of the last day (unreadable payloads, provider errors), newest first, deduplicated. */
  recentErrors: { message: string; at: string; occurrences: number }[];
  /** Stretches of history given up on after several tries, in words. */
  /** Days not synced after several tries: `from`/`to` are `yyyy-MM-dd` (the panel writes them in the locale). */
  skipped: { key: string; label: string; from: string; to: string; reason: string }[];
  /** Push (provider webhooks) in this deployment; null when it is off or the provider cannot push. */
  push?: { healthy: boolean; lastNotificationAt: string | null; lastPushSyncAt: string | null } | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CONNECTION_PROBLEMS: Record<"NEEDS_RECONSENT" | "RETIRED" | "REVOKED", (name: string) => string> = {
  NEEDS_RECONSENT: (name) => `${name} stopped accepting Nightly's access. Sign in with ${name} again to resume syncing.`,
  RETIRED: (name) => `${name} has switched off the Web API for this account, so syncing has stopped.`,
  REVOKED: (name) => `${name} is disconnected.`,
};

const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null);

export function toSyncPanelData(view: SyncStatusPayload, now = Date.now()): SyncPanelData {
  const never = view.status === "IDLE" && !view.lastSyncStartedAt && !view.lastSyncCompletedAt;
  const status: SyncPanelData["status"] = view.status === "NOT_CONNECTED" ? "not_connected" : never ? "never" : (view.status.toLowerCase() as SyncPanelData["status"]);
  const progressMetrics = new Set(view.metrics.map((metric) => metric.metric as string));
  const provider = view.providerCopy ? { name: view.providerCopy.name, quotaWindow: view.providerCopy.quotaWindow } : null;
  return {
    provider,
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
    connectionProblem:
      view.connection && view.connection.status !== "ACTIVE"
        ? (view.connection.reason ?? CONNECTION_PROBLEMS[view.connection.status](provider?.name ?? "Your data source"))
        : null,
    recentErrors: recentErrorsOf(view.recentErrors, now),
    skipped: (view.skipped ?? []).map((chunk) => ({
      key: `${chunk.metric} ${chunk.start} ${chunk.end}`,
      label: chunk.label,
      from: chunk.start,
      to: chunk.end,
      reason: chunk.reason,
    })),
    push: view.push ? { healthy: view.push.healthy, lastNotificationAt: iso(view.push.lastNotificationAt), lastPushSyncAt: iso(view.push.lastPushSyncAt) } : null,
  };
}

function recentErrorsOf(errors: SyncStatusPayload["recentErrors"], now: number): SyncPanelData["recentErrors"] {
  const seen = new Set<string>();
  return errors
    .map((error) => ({ message: error.message, at: new Date(error.at).toISOString(), occurrences: error.occurrences ?? 1 }))
    .filter((error) => now - Date.parse(error.at) < DAY_MS && !seen.has(error.message) && seen.add(error.message));
}
