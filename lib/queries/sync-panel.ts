import "server-only";
import type { SyncPanelData } from "@/components/dashboard/sync-panel-types";
import { db } from "@/lib/db/client";

/**
 * Adapter from stored sync state to the panel's props. Reads SyncState and Device directly; the
 * sync engine's `getSyncStatus(userId)` (lib/sync/status.ts) can replace this body when it lands.
 */
export async function getSyncPanelData(userId: string): Promise<SyncPanelData> {
  const [state, devices, errors] = await Promise.all([
    db.syncState.findUnique({ where: { userId } }),
    db.device.findMany({ where: { userId }, orderBy: { lastSyncAt: "desc" }, take: 1 }),
    db.syncError.count({ where: { userId } }),
  ]);
  const device = devices[0];
  return {
    status: state ? (state.status.toLowerCase() as SyncPanelData["status"]) : "never",
    phase: state?.phase ?? null,
    lastSyncStartedAt: state?.lastSyncStartedAt?.toISOString() ?? null,
    lastSyncCompletedAt: state?.lastSyncCompletedAt?.toISOString() ?? null,
    nextAttemptAt: state?.nextAttemptAt?.toISOString() ?? null,
    lastError: state?.lastError ?? null,
    errorCount: errors,
    device: device
      ? { name: device.deviceVersion, battery: device.battery, lastSyncAt: device.lastSyncAt?.toISOString() ?? null }
      : null,
  };
}
