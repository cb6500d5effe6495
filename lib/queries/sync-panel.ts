import "server-only";
import { toSyncPanelData, type SyncPanelData } from "@/components/dashboard/sync-panel-types";
import { getSyncStatus } from "@/lib/sync/status";

/** The sync status panel's first render, from the sync engine's status view. */
export async function getSyncPanelData(userId: string): Promise<SyncPanelData> {
  return toSyncPanelData(await getSyncStatus(userId));
}
