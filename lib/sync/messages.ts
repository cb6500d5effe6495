/** Plain words for the sync status panel; nothing here is shown with internals or tokens. */
import type { ProviderCopy } from "@/lib/providers/types";
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

/** The sentences of one provider (its name, quota window and consent page filled in). */
export function messagesFor(copy: ProviderCopy) {
  const { name } = copy;
  return {
    scopeNotGranted: (metric: SyncMetric) =>
      `${METRIC_LABELS[metric]} was not shared with Nightly on ${copy.consentPage}. Sign in again and tick it to sync it.`,
    invalidPayload: (metric: SyncMetric, issue: string | undefined) =>
      `${name} sent ${METRIC_LABELS[metric].toLowerCase()} data we could not read${issue ? ` (${issue})` : ""}. Nothing of it was saved; it is tried again.`,
    chunkFailed: (metric: SyncMetric) =>
      `Some ${METRIC_LABELS[metric].toLowerCase()} data from ${name} could not be saved. Nothing of it was saved; it is tried again.`,
    chunkSkipped: (metric: SyncMetric) =>
      `Some ${METRIC_LABELS[metric].toLowerCase()} data could not be synced after several tries and was skipped; everything else synced.`,
    clientError: (metric: SyncMetric, status: number) =>
      `${name} refused a ${METRIC_LABELS[metric].toLowerCase()} request (HTTP ${status}). It is tried again.`,
    rateLimited: (resumeAt: Date) =>
      `${name}'s ${copy.quotaWindow} request limit is used up; syncing continues at ${time(resumeAt)}.`,
    backingOff: (resumeAt: Date) =>
      `${name} is not answering properly right now; syncing tries again at ${time(resumeAt)}.`,
    retired: `The ${name} Web API has been switched off for this account, so syncing has stopped.`,
    accessRejected: `${name} no longer accepts Nightly's access for this account. Sign in with ${name} again to keep syncing.`,
    notConnected: `${name} is not connected. Sign in with ${name} to sync.`,
  };
}

/** For a person with no connection at all (no provider to name). */
export const NOT_CONNECTED = "No data source is connected. Sign in to sync.";
