/** Props of the sync status panel (filled by lib/queries/sync-panel.ts on the server). */
export interface SyncPanelData {
  status: "never" | "idle" | "queued" | "running" | "waiting_rate_limit" | "backing_off" | "error";
  phase: string | null;
  lastSyncStartedAt: string | null;
  lastSyncCompletedAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  errorCount: number;
  device: { name: string; battery: string; lastSyncAt: string | null } | null;
}
