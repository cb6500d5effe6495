/** What the dashboard needs to know before it draws a metric: is the data allowed and synced? */

export const METRICS = ["sleep", "hrv", "breathing", "nutrition"] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  sleep: "sleep",
  hrv: "heart rate variability",
  breathing: "breathing rate",
  nutrition: "food and water",
};

export type MetricAccess =
  | { state: "ok" }
  /** The person did not grant the provider's scope. */
  | { state: "missing_scope"; scope: string }
  /** Sync found the metric unavailable (e.g. intraday HRV not permitted). */
  | { state: "unavailable"; reason: string };

/** The person's data provider, as the dashboard names it (client-safe; from HealthProvider.copy). */
export interface ProviderLabel {
  /** NextAuth provider id ("Ask … again" signs in with it). */
  id: string;
  /** "Google", "Fitbit". */
  name: string;
  /** "Google's consent page". */
  consentPage: string;
}

export interface DashboardContext {
  provider: ProviderLabel;
  timezone: string | null;
  unitSystem: "METRIC" | "US" | "UK";
  /** True until the first sync has started (no SyncState row yet). */
  neverSynced: boolean;
  /** True while any sync is queued or running. */
  syncing: boolean;
  connected: boolean;
  /** The first day of the person's history at the provider (their account's start), when known. */
  historyStart: string | null;
  access: Record<Metric, MetricAccess>;
  /** Partial gaps reported by the sync, keyed by its metric names (hrvIntraday, brStages, foodLogs). */
  notes: Record<string, string>;
}
