import "server-only";
import { db } from "@/lib/db/client";
import { daysBetween, localDateOf } from "@/lib/providers/local-time";
import { providerById } from "@/lib/providers/registry";
import { personConnections } from "@/lib/connections/person-connections";
import { personProfile } from "@/lib/queries/person-profile";
import { syncedProviderFrom } from "./connection-choice";
import { personSyncState } from "./person-sync-state";
import { METRIC_LABELS } from "./messages";
import { configuredHistoryDays, RANGE_METRICS, targetStartDate, type RangeMetric } from "./plan";
import { pushHealth } from "./push/status";
import { progressOf, skippedOf, unavailableOf } from "./state";

/** What the sync status panel shows. Dates are `yyyy-MM-dd` in the person's zone. */
export interface SyncStatusView {
  status:
    | "NOT_CONNECTED"
    | "IDLE"
    | "QUEUED"
    | "RUNNING"
    | "WAITING_RATE_LIMIT"
    | "BACKING_OFF"
    | "INTERRUPTED"
    | "ERROR";
  phase: "recent" | "backfill" | "incremental" | null;
  /** The provider this status is about (the person's connection first by precedence). */
  provider?: string | null;
  /** How the panel names that provider and its quota window (HealthProvider.copy). */
  providerCopy?: { name: string; quotaWindow: string } | null;
  connection: {
    status: "ACTIVE" | "NEEDS_RECONSENT" | "REVOKED" | "RETIRED";
    reason: string | null;
  } | null;
  metrics: Array<{
    metric: RangeMetric;
    label: string;
    oldestSynced: string | null;
    newestSynced: string | null;
    targetStart: string;
    daysDone: number;
    daysLeft: number;
    backfillDone: boolean;
    unavailable: string | null;
  }>;
  /** Days whose meals and macros are still to be fetched. */
  foodLogDaysLeft: number;
  requestsUsed: number;
  rateLimit: { limit: number | null; remaining: number | null; resetAt: Date | null };
  lastSyncStartedAt: Date | null;
  lastSyncCompletedAt: Date | null;
  recentCompletedAt: Date | null;
  nextAttemptAt: Date | null;
  lastDeviceSync: {
    at: Date | null;
    local: string;
    device: string;
    battery: string;
    batteryLevel: number | null;
  } | null;
  unavailable: Array<{ metric: string; label: string; reason: string }>;
  lastError: { message: string; at: Date | null } | null;
  /** Problems, newest first; the same problem seen again counts up instead of repeating. */
  recentErrors: Array<{ metric: string; message: string; at: Date; occurrences: number }>;
  /** Chunks given up on after several tries: their dates are missing until they sync. */
  skipped: Array<{ metric: string; label: string; start: string; end: string; reason: string }>;
  /** Push for this provider in this deployment (null: the provider cannot push, or push is off). */
  push?: { healthy: boolean; lastNotificationAt: Date | null; lastPushSyncAt: Date | null } | null;
}

const PHASES = new Set(["recent", "backfill", "incremental"]);

/** `pushHealthOf`: how the deployment's push health is read (pages share one read a minute). */
export async function getSyncStatus(userId: string, pushHealthOf: typeof pushHealth = pushHealth): Promise<SyncStatusView> {
  // The person's connections, profile and sync state: read once for the whole page (React cache).
  const connections = await personConnections(userId);
  const provider = syncedProviderFrom(connections) ?? "";
  const plan = provider ? providerById(provider).plan : null;
  const found = connections.find((candidate) => candidate.provider === provider);
  const connection = found ? { status: found.status, statusReason: found.statusReason } : null;
  const [user, state, devices, errors, foodLogDaysLeft, push] = await Promise.all([
    personProfile(userId),
    personSyncState(userId, provider),
    db.device.findMany({ where: { userId, provider }, orderBy: { lastSyncAt: "desc" } }),
    db.syncError.findMany({ where: { userId, provider }, orderBy: { lastSeenAt: "desc" }, take: 5 }),
    db.nutritionDaily.count({
      where: { userId, provider, caloriesIn: { gt: 0 }, foodLogFetched: false },
    }),
    provider ? pushHealthOf(providerById(provider)) : null,
  ]);
  const zone = { timezone: user?.timezone ?? null, utcOffsetMs: user?.utcOffsetMs ?? null };
  const today = localDateOf(Date.now(), zone);
  const defaultTargetStart = targetStartDate(
    today,
    configuredHistoryDays(),
    user?.memberSince ?? null,
  );
  const progress = progressOf(state?.progress);
  const unavailable = unavailableOf(state?.unavailable);
  // The panel's "Tracker" line: the most recently synced tracker (a scale may have synced later).
  const device = devices.find((candidate) => candidate.type === "TRACKER") ?? devices[0];
  return {
    status: !connection ? "NOT_CONNECTED" : (state?.status ?? "IDLE"),
    provider: provider || null,
    providerCopy: provider ? { name: providerById(provider).copy.name, quotaWindow: providerById(provider).copy.quotaWindow } : null,
    phase:
      state?.phase && PHASES.has(state.phase) ? (state.phase as SyncStatusView["phase"]) : null,
    connection: connection ? { status: connection.status, reason: connection.statusReason } : null,
    metrics: RANGE_METRICS.map((metric) => {
      const p = plan?.describe(progress[metric]);
      const targetStart = p?.targetStart ?? defaultTargetStart;
      const span = daysBetween(targetStart, today) + 1;
      const oldest = p?.oldestSynced ?? null;
      const newest = p?.newestSynced ?? null;
      const done =
        oldest && newest
          ? Math.min(span, daysBetween(oldest < targetStart ? targetStart : oldest, newest) + 1)
          : 0;
      return {
        metric,
        label: METRIC_LABELS[metric],
        oldestSynced: oldest,
        newestSynced: newest,
        targetStart,
        daysDone: done,
        daysLeft: p?.backfillDone ? 0 : Math.max(0, span - done),
        backfillDone: p?.backfillDone ?? false,
        unavailable: unavailable[metric] ?? null,
      };
    }),
    foodLogDaysLeft,
    requestsUsed: state?.requestsUsed ?? 0,
    rateLimit: {
      limit: state?.rateLimitLimit ?? null,
      remaining: state?.rateLimitRemaining ?? null,
      resetAt: state?.rateLimitResetAt ?? null,
    },
    lastSyncStartedAt: state?.lastSyncStartedAt ?? null,
    lastSyncCompletedAt: state?.lastSyncCompletedAt ?? null,
    recentCompletedAt: state?.recentCompletedAt ?? null,
    nextAttemptAt: state?.nextAttemptAt ?? null,
    lastDeviceSync: device
      ? {
          at: device.lastSyncAt,
          local: device.lastSyncLocal,
          device: device.deviceVersion,
          battery: device.battery,
          batteryLevel: device.batteryLevel,
        }
      : null,
    unavailable: Object.entries(unavailable).map(([metric, reason]) => ({
      metric,
      label: metric in METRIC_LABELS ? METRIC_LABELS[metric as keyof typeof METRIC_LABELS] : metric,
      reason,
    })),
    lastError: state?.lastError ? { message: state.lastError, at: state.lastErrorAt } : null,
    recentErrors: errors.map((e) => ({ metric: e.metric, message: e.message, at: e.lastSeenAt, occurrences: e.occurrences })),
    skipped: skippedOf(state?.skipped).map((s) => ({
      metric: s.metric,
      label: s.metric in METRIC_LABELS ? METRIC_LABELS[s.metric as keyof typeof METRIC_LABELS] : s.metric,
      start: s.start,
      end: s.end,
      reason: s.reason,
    })),
    push: push?.enabled ? { healthy: push.healthy, lastNotificationAt: push.lastNotificationAt, lastPushSyncAt: state?.lastPushSyncAt ?? null } : null,
  };
}
