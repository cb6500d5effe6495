import { describe, expect, it } from "vitest";
import { toSyncPanelData, type SyncStatusPayload } from "./sync-panel-types";

const base: SyncStatusPayload = {
  status: "IDLE",
  phase: null,
  connection: { status: "ACTIVE", reason: null },
  metrics: [],
  foodLogDaysLeft: 0,
  requestsUsed: 0,
  rateLimit: { limit: null, remaining: null, resetAt: null },
  lastSyncStartedAt: null,
  lastSyncCompletedAt: null,
  recentCompletedAt: null,
  nextAttemptAt: null,
  lastDeviceSync: null,
  unavailable: [],
  lastError: null,
  recentErrors: [],
  skipped: [],
};

describe("sync panel data", () => {
  it("calls an idle person without any sync 'never synced'", () => {
    expect(toSyncPanelData(base).status).toBe("never");
    expect(toSyncPanelData({ ...base, status: "NOT_CONNECTED" }).status).toBe("not_connected");
    expect(toSyncPanelData({ ...base, lastSyncStartedAt: "2026-11-24T05:00:00.000Z" }).status).toBe("idle");
  });

  it("maps JSON or Date values, progress and notes", () => {
    const data = toSyncPanelData({
      ...base,
      status: "RUNNING",
      phase: "backfill",
      lastSyncCompletedAt: new Date("2026-11-24T05:00:00Z"),
      metrics: [
        { metric: "sleep", label: "Sleep", oldestSynced: "2026-10-01", newestSynced: "2026-11-24", targetStart: "2024-11-24", daysDone: 55, daysLeft: 675, backfillDone: false, unavailable: null },
        { metric: "br", label: "Breathing rate", oldestSynced: null, newestSynced: null, targetStart: "2024-11-24", daysDone: 0, daysLeft: 730, backfillDone: false, unavailable: "Breathing rate was not shared." },
      ],
      unavailable: [
        { metric: "br", label: "Breathing rate", reason: "Breathing rate was not shared." },
        { metric: "brStages", label: "Breathing rate by sleep stage", reason: "Needs intraday access." },
      ],
      lastDeviceSync: { at: "2026-11-24T04:00:00.000Z", local: "2026-11-24T04:00:00.000", device: "Charge 6", battery: "High", batteryLevel: 80 },
    });
    expect(data).toMatchObject({ status: "running", phase: "backfill", lastSyncCompletedAt: "2026-11-24T05:00:00.000Z" });
    expect(data.progress[0]).toEqual({ metric: "sleep", label: "Sleep", done: 55, total: 730, complete: false, unavailable: null });
    expect(data.notes).toEqual([{ metric: "brStages", label: "Breathing rate by sleep stage", reason: "Needs intraday access." }]);
    expect(data.device).toEqual({ name: "Charge 6", battery: "High", lastSyncAt: "2026-11-24T04:00:00.000Z" });
  });
});

describe("sync panel copy follows the person's provider", () => {
  it("names the provider in connection problems", () => {
    const google = toSyncPanelData({
      ...base,
      providerCopy: { name: "Google", quotaWindow: "per-minute" },
      connection: { status: "NEEDS_RECONSENT", reason: null },
    });
    expect(google.provider).toEqual({ name: "Google", quotaWindow: "per-minute" });
    expect(google.connectionProblem).toBe("Google stopped accepting Nightly's access. Sign in with Google again to resume syncing.");
    const fitbit = toSyncPanelData({ ...base, providerCopy: { name: "Fitbit", quotaWindow: "hourly" }, connection: { status: "REVOKED", reason: null } });
    expect(fitbit.connectionProblem).toBe("Fitbit is disconnected.");
    expect(toSyncPanelData({ ...base, status: "NOT_CONNECTED", connection: null }).provider).toBeNull();
  });
});
