import { describe, expect, it } from "vitest";
import { progressSummary } from "./sync-progress-summary";
import type { SyncPanelData } from "./sync-panel-types";

const base: SyncPanelData = {
  provider: { name: "Google", quotaWindow: "per-minute" },
  status: "running",
  phase: "backfill",
  lastSyncCompletedAt: null,
  nextAttemptAt: null,
  lastError: null,
  progress: [
    { metric: "sleep", label: "Sleep", done: 146, total: 365, complete: false, unavailable: null },
    { metric: "hrv", label: "HRV", done: 146, total: 365, complete: false, unavailable: null },
  ],
  notes: [],
  foodLogDaysLeft: 0,
  device: null,
  connectionProblem: null,
  recentErrors: [],
  skipped: [],
};

describe("progressSummary", () => {
  it("reads as progress with a time estimate from the observed rate", () => {
    expect(progressSummary(base, { at: 0, done: 92 }, { at: 60_000, done: 292 })).toBe("Last 30 days ready; older history: 40 %, about 2 min");
  });
  it("says the recent nights come first, and gives no estimate before a rate is known", () => {
    expect(progressSummary({ ...base, phase: "recent" }, null, { at: 0, done: 20 })).toBe("Fetching your last 30 days first; older history: 40 %");
  });
  it("is silent when everything is in", () => {
    const done = { ...base, progress: base.progress.map((metric) => ({ ...metric, done: 365, complete: true })) };
    expect(progressSummary(done, null, { at: 0, done: 730 })).toBeNull();
  });
});
