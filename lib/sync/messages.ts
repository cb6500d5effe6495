/** Plain words for the sync status panel; nothing here is shown with internals or tokens. */
import type { SyncMetric } from "./plan";

export const METRIC_LABELS: Record<SyncMetric | "brStages", string> = {
  sleep: "Sleep",
  hrv: "Heart rate variability",
  hrvIntraday: "HRV detail (5-minute readings)",
  br: "Breathing rate",
  brStages: "Breathing rate by sleep stage",
  nutrition: "Calories and water",
  foodLogs: "Meals and macros",
  devices: "Devices",
};

const time = (at: Date) => at.toISOString().slice(11, 16) + " UTC";

export const messages = {
  scopeNotGranted: (metric: SyncMetric) =>
    `${METRIC_LABELS[metric]} was not shared with Nightly on the Fitbit consent page. Sign in again and tick it to sync it.`,
  invalidPayload: (metric: SyncMetric, issue: string | undefined) =>
    `Fitbit sent ${METRIC_LABELS[metric].toLowerCase()} data we could not read${issue ? ` (${issue})` : ""}. Nothing of it was saved; the next sync tries again.`,
  clientError: (metric: SyncMetric, status: number) =>
    `Fitbit refused a ${METRIC_LABELS[metric].toLowerCase()} request (HTTP ${status}). The next sync tries again.`,
  rateLimited: (resumeAt: Date) =>
    `Fitbit's hourly request limit is used up; syncing continues at ${time(resumeAt)}.`,
  backingOff: (resumeAt: Date) =>
    `Fitbit is not answering properly right now; syncing tries again at ${time(resumeAt)}.`,
  retired: "The Fitbit Web API has been switched off for this account, so syncing has stopped.",
  accessRejected:
    "Fitbit no longer accepts Nightly's access for this account. Sign in with Fitbit again to keep syncing.",
  notConnected: "Fitbit is not connected. Sign in with Fitbit to sync.",
};
