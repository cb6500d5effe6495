import "server-only";
import type { AuthorizedSubject } from "@/lib/authz/subject";
import type { DashboardContext, Metric, MetricAccess } from "@/lib/api-schemas/dashboard";
import { forSubject } from "@/lib/cache/person-cache";
import { isIsoDate } from "@/lib/dates";
import { providerById, providersByPrecedence } from "@/lib/providers/registry";
import { syncedProviderFrom } from "@/lib/sync/connection-choice";
import { personSyncState } from "@/lib/sync/person-sync-state";
import { personConnections } from "@/lib/connections/person-connections";
import { personProfile } from "./person-profile";

/** The Fitbit scope each dashboard metric needs (the default; each provider names its own). */
export const METRIC_SCOPES: Record<Metric, string> = {
  sleep: "sleep",
  hrv: "heartrate",
  breathing: "respiratory_rate",
  nutrition: "nutrition",
};

/**
 * The sync engine's `SyncState.unavailable` keys (lib/sync/plan.ts) for each dashboard metric. It
 * marks a whole metric unavailable only when Fitbit refuses the scope, so any reason there means
 * "not allowed". Partial keys (hrvIntraday, brStages, foodLogs) come through as notes instead.
 */
const UNAVAILABLE_KEYS: Record<Metric, string[]> = {
  sleep: ["sleep"],
  hrv: ["hrv"],
  breathing: ["br"],
  nutrition: ["nutrition"],
};

function scopesOf(provider: string): Record<Metric, string> {
  const { metricScopes } = providerById(provider);
  return { sleep: metricScopes.sleep, hrv: metricScopes.hrv, breathing: metricScopes.br, nutrition: metricScopes.nutrition };
}

const ACTIVE_SYNC = new Set(["QUEUED", "RUNNING", "WAITING_RATE_LIMIT", "BACKING_OFF", "INTERRUPTED"]);

/** Decides per metric whether it can be shown, from granted scopes and the sync's findings. */
export function metricAccess(
  metric: Metric,
  grantedScopes: readonly string[] | null,
  unavailable: unknown,
  scopes: Record<Metric, string> = METRIC_SCOPES,
): MetricAccess {
  const scope = scopes[metric];
  if (grantedScopes && !grantedScopes.includes(scope)) return { state: "missing_scope", scope };
  if (unavailable && typeof unavailable === "object") {
    const map = unavailable as Record<string, unknown>;
    for (const key of UNAVAILABLE_KEYS[metric]) {
      if (typeof map[key] === "string" && map[key]) return { state: "missing_scope", scope };
    }
  }
  return { state: "ok" };
}

/** Partial unavailability worth a sentence next to a chart (e.g. 5-minute HRV not permitted). */
function notesOf(unavailable: unknown): Record<string, string> {
  if (!unavailable || typeof unavailable !== "object") return {};
  const main = new Set(Object.values(UNAVAILABLE_KEYS).flat());
  return Object.fromEntries(
    Object.entries(unavailable as Record<string, unknown>).flatMap(([key, value]) =>
      typeof value === "string" && !main.has(key) ? [[key, value]] : [],
    ),
  );
}

/** Who the person is for the dashboard: timezone, units, and what each metric may show. Every
 * dashboard page asks first; reused while the person's data is unchanged (lib/cache/person-cache.ts). */
export function getDashboardContext(subject: AuthorizedSubject): Promise<DashboardContext> {
  return forSubject(subject, "dashboardContext", null, () => loadDashboardContext(subject));
}

async function loadDashboardContext(subject: AuthorizedSubject): Promise<DashboardContext> {
  const userId = subject.userId;
  // Shared with the layout, the sync panel and the move notice in the same render (React cache).
  const connections = await personConnections(userId);
  const provider = syncedProviderFrom(connections) ?? "";
  const connection = connections.find((candidate) => candidate.provider === provider) ?? null;
  const [user, sync] = await Promise.all([personProfile(userId), personSyncState(userId, provider)]);
  if (!user) throw new Error("No such person.");
  const granted = connection ? connection.grantedScopes : null;
  const scopes = provider ? scopesOf(provider) : METRIC_SCOPES;
  // No connection at all (disconnected): name the provider a new sign-in would use first.
  const { id, copy } = provider ? providerById(provider) : providersByPrecedence()[0]!;
  const access = (metric: Metric): MetricAccess =>
    subject.metrics.includes(metric) ? metricAccess(metric, granted, sync?.unavailable, scopes) : { state: "unavailable", reason: "Not collected by this study." };
  return {
    provider: { id, name: copy.name, consentPage: copy.consentPage },
    timezone: user.timezone,
    unitSystem: user.unitSystem,
    neverSynced: !sync || (!sync.lastSyncStartedAt && sync.status !== "RUNNING"),
    syncing: sync ? ACTIVE_SYNC.has(sync.status) : false,
    connected: connection?.status === "ACTIVE",
    // memberSince comes from the provider's profile; only a real calendar date is trusted.
    historyStart: user.memberSince && isIsoDate(user.memberSince) ? user.memberSince : null,
    notes: notesOf(sync?.unavailable),
    access: { sleep: access("sleep"), hrv: access("hrv"), breathing: access("breathing"), nutrition: access("nutrition") },
  };
}
