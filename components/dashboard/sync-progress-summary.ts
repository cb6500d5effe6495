/**
 * The sync panel's headline as progress a person can read: "Last 30 days ready; older history:
 * 40 %, about 2 min". Pure: the estimate comes from two observations of the panel's own polling.
 */
import type { SyncPanelData } from "./sync-panel-types";

export interface Observation {
  at: number;
  done: number;
}

const RECENT_DAYS = 30;

export function progressSummary(data: SyncPanelData, first: Observation | null, now: Observation): string | null {
  const metrics = data.progress.filter((metric) => !metric.unavailable && metric.total > 0);
  if (metrics.length === 0) return null;
  const done = metrics.reduce((sum, metric) => sum + metric.done, 0);
  const total = metrics.reduce((sum, metric) => sum + metric.total, 0);
  if (done >= total && data.foodLogDaysLeft === 0) return null;
  const recentReady = data.phase !== "recent" && metrics.every((metric) => metric.complete || metric.done >= Math.min(RECENT_DAYS, metric.total));
  const percent = Math.floor((done / total) * 100);
  const eta = estimate(first, now, total - done);
  const older = `older history: ${percent} %${eta ? `, ${eta}` : ""}`;
  return recentReady ? `Last 30 days ready; ${older}` : `Fetching your last 30 days first; ${older}`;
}

function estimate(first: Observation | null, now: Observation, remaining: number): string | null {
  if (!first || now.at - first.at < 5_000 || now.done <= first.done) return null;
  const perMs = (now.done - first.done) / (now.at - first.at);
  const minutes = Math.round(remaining / perMs / 60_000);
  return minutes <= 1 ? "about a minute" : `about ${minutes} min`;
}
