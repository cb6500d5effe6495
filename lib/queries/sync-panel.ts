import "server-only";
import { toSyncPanelData, type SyncPanelData } from "@/components/dashboard/sync-panel-types";
import { pushHealthThisMinute } from "@/lib/sync/push/status";
import { getSyncStatus } from "@/lib/sync/status";

/** The sync status panel's first render, from the sync engine's status view (push health read
 * once a minute for everyone: the panel is kept per minute anyway). */
export async function getSyncPanelData(userId: string): Promise<SyncPanelData> {
  return toSyncPanelData(await getSyncStatus(userId, pushHealthThisMinute));
}
