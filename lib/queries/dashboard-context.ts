import "server-only";
import type { DashboardContext, Metric, MetricAccess } from "@/lib/api-schemas/dashboard";
import { db } from "@/lib/db/client";

/** The Fitbit scope each dashboard metric needs. */
export const METRIC_SCOPES: Record<Metric, string> = {
  sleep: "sleep",
  hrv: "heartrate",
  breathing: "respiratory_rate",
  nutrition: "nutrition",
};

/** Keys the sync engine may use in `SyncState.unavailable` for each dashboard metric. */
const UNAVAILABLE_KEYS: Record<Metric, string[]> = {
  sleep: ["sleep"],
  hrv: ["hrv", "hrvDaily", "hrv_daily"],
  breathing: ["br", "breathing", "breathingRate", "breathing_rate", "brDaily"],
  nutrition: ["nutrition", "caloriesIn", "water", "food", "foodLog"],
};

const ACTIVE_SYNC = new Set(["QUEUED", "RUNNING", "WAITING_RATE_LIMIT", "BACKING_OFF"]);

/** Decides per metric whether it can be shown, from granted scopes and the sync's findings. */
export function metricAccess(metric: Metric, grantedScopes: readonly string[] | null, unavailable: unknown): MetricAccess {
  const scope = METRIC_SCOPES[metric];
  if (grantedScopes && !grantedScopes.includes(scope)) return { state: "missing_scope", scope };
  if (unavailable && typeof unavailable === "object") {
    const map = unavailable as Record<string, unknown>;
    for (const key of UNAVAILABLE_KEYS[metric]) {
      const reason = map[key];
      if (reason === "insufficient_scope") return { state: "missing_scope", scope };
      if (typeof reason === "string" && reason) return { state: "unavailable", reason };
    }
  }
  return { state: "ok" };
}

/** Who the person is for the dashboard: timezone, units, and what each metric may show. */
export async function getDashboardContext(userId: string): Promise<DashboardContext> {
  const [user, connection, sync] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { timezone: true, unitSystem: true } }),
    db.providerConnection.findFirst({ where: { userId, provider: "fitbit" }, select: { grantedScopes: true, status: true } }),
    db.syncState.findUnique({ where: { userId }, select: { status: true, unavailable: true, lastSyncStartedAt: true } }),
  ]);
  const granted = connection ? connection.grantedScopes : null;
  const access = (metric: Metric) => metricAccess(metric, granted, sync?.unavailable);
  return {
    timezone: user.timezone,
    unitSystem: user.unitSystem,
    neverSynced: !sync || (!sync.lastSyncStartedAt && sync.status !== "RUNNING"),
    syncing: sync ? ACTIVE_SYNC.has(sync.status) : false,
    connected: connection?.status === "ACTIVE",
    access: { sleep: access("sleep"), hrv: access("hrv"), breathing: access("breathing"), nutrition: access("nutrition") },
  };
}
