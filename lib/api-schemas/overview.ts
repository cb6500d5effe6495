/** The overview page: last night against the person's own 30-night baseline. */
import type { SleepNightDetail } from "./sleep";
import type { Spread } from "@/lib/stats";

export type OverviewMetricKey = "totalSleep" | "deepShare" | "lightShare" | "remShare" | "hrv" | "breathing";

export interface OverviewMetric {
  key: OverviewMetricKey;
  label: string;
  unit: "min" | "%" | "ms" | "brpm";
  /** The newest value and the night it belongs to (may be older than last night's sleep). */
  value: number;
  date: string;
  /** Median and IQR of the 30 nights before `date`; null with fewer than 7 of them. */
  baseline: Spread | null;
}

export interface StageShares {
  deep: number;
  light: number;
  rem: number;
  wake: number;
}

export interface Overview {
  /** Wake date of the newest night with a main sleep. */
  lastNight: string | null;
  lastNightType: "stages" | "classic" | null;
  napCount: number;
  napMinutes: number;
  metrics: OverviewMetric[];
  /** Stage shares (% of time in bed) of last night and the median shares of the baseline nights. */
  shares: { lastNight: StageShares; usual: StageShares | null } | null;
  detail: SleepNightDetail | null;
}
